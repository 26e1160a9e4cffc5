using System.Globalization;
using CleanroomMonitor.Core.Calibration;

namespace CleanroomMonitor.Core.Facility;

public static partial class FacilityReader
{
    /// <summary>A date and time must carry its offset (or Z): a certificate time without one would depend on the server's zone.</summary>
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    private sealed partial class Validation
    {
        /// <summary>A sensor's optional asset data (docs/instruments.md "Calibration register"), held to the register's own
        /// rules, so an entry the file seeds is one the register would have taken from a person. Whether a certificate date
        /// lies in the future needs a clock, which the reader has not: the register checks that when it takes the entry.</summary>
        private SensorAsset? ReadAsset(AssetFile? file, string path)
        {
            if (file is null)
            {
                return null;
            }
            var make = Text(file.Make, path + ".make", "the instrument's manufacturer");
            var model = Text(file.Model, path + ".model", "the instrument's model");
            var serial = Text(file.Serial, path + ".serial", "the instrument's serial number");
            TimeSpan? interval = null;
            if (file.CalibrationIntervalDays is { } days)
            {
                if (days < InstrumentRules.MinInterval.TotalDays || days > InstrumentRules.MaxInterval.TotalDays)
                {
                    Error(path + ".calibrationIntervalDays", days.ToString(CultureInfo.InvariantCulture),
                        $"a whole number of days from {InstrumentRules.MinInterval.TotalDays:0} to {InstrumentRules.MaxInterval.TotalDays:0}");
                }
                else
                {
                    interval = TimeSpan.FromDays(days);
                }
            }
            var last = file.LastCalibration is null ? null : ReadLastCalibration(file.LastCalibration, path + ".lastCalibration");
            var lastValid = file.LastCalibration is null || last is not null;
            return make is null || model is null || serial is null || !lastValid || (file.CalibrationIntervalDays is not null && interval is null)
                ? null
                : new SensorAsset(make, model, serial, interval, last);
        }

        private SensorCalibration? ReadLastCalibration(LastCalibrationFile file, string path)
        {
            DateTimeOffset? at = null;
            if (DateOnly.TryParseExact(file.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                at = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }
            else if (DateTimeOffset.TryParseExact(file.Date, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var full))
            {
                at = full.ToUniversalTime();
            }
            else
            {
                Error(path + ".date", file.Date, "the certificate's date, such as \"2026-03-01\" or \"2026-03-01T10:30:00+01:00\"");
            }
            var certificate = Text(file.Certificate, path + ".certificate", "the certificate's number");
            CalibrationResult? result = file.Result is not null && LastCalibrationFile.Results.TryGetValue(file.Result, out var found) ? found : null;
            if (result is null)
            {
                Error(path + ".result", file.Result, "pass, adjusted or fail");
            }
            var by = Text(file.By, path + ".by", "who calibrated, as on the certificate");
            return at is null || certificate is null || result is null || by is null ? null : new SensorCalibration(at.Value, certificate, result.Value, by);
        }

        private string? Text(string? value, string path, string what)
        {
            if (string.IsNullOrWhiteSpace(value) || value.Length > InstrumentRules.MaxTextLength)
            {
                Error(path, value, $"{what}: not blank, at most {InstrumentRules.MaxTextLength} characters");
                return null;
            }
            return value.Trim();
        }
    }
}
