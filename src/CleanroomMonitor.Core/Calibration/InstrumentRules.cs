using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Calibration;

/// <summary>What the register accepts (docs/instruments.md "Calibration register"): each check returns the problem in
/// words, or null. The entry is refused whole, and nothing is stored, when any check fails.</summary>
public static class InstrumentRules
{
    /// <summary>The longest free text a field of the register takes.</summary>
    public const int MaxTextLength = 500;

    /// <summary>The shortest and longest calibration interval the register takes.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(3653);

    public static string? CheckAsset(string? make, string? model, string? serialNumber, string? location, TimeSpan? interval, string? reason) =>
        Missing(("make", make), ("model", model), ("serialNumber", serialNumber), ("location", location), ("reason", reason))
        ?? (interval is not { } i || i < MinInterval || i > MaxInterval
            ? $"calibrationIntervalDays must be between {MinInterval.TotalDays:0} and {MaxInterval.TotalDays:0} days"
            : null);

    /// <summary>A calibration must be dated (not in the future: a certificate records what was done), carry its
    /// certificate reference, its result and who performed it.</summary>
    public static string? CheckCalibration(DateTimeOffset? calibratedAt, string? certificate, CalibrationResult? result, string? performedBy,
        DateTimeOffset now) =>
        Missing(("certificateReference", certificate), ("performedBy", performedBy))
        ?? (calibratedAt is not { } at ? "calibratedAt (the certificate's date) is required"
            : at > now ? $"calibratedAt {at:O} is in the future: a calibration is recorded after it was done"
            : result is null or not (CalibrationResult.Pass or CalibrationResult.Adjusted or CalibrationResult.Fail)
                ? "result must be pass, adjusted or fail"
                : null);

    /// <summary>A move names where to and why, and goes somewhere else. The facility file places each sensor in one room,
    /// so a move to another room is a change of the facility file (under change control), not a register entry.</summary>
    public static string? CheckRelocation(Sensor sensor, string currentLocation, string? toRoom, string? toLocation, string? reason)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        if (Missing(("toLocation", toLocation), ("reason", reason)) is { } missing)
        {
            return missing;
        }
        if (!string.IsNullOrWhiteSpace(toRoom) && !string.Equals(toRoom.Trim(), sensor.Room.Value, StringComparison.Ordinal))
        {
            return $"the facility file places sensor '{sensor.Id}' in room '{sensor.Room}'; moving it to room '{toRoom.Trim()}' is a change of the facility file";
        }
        return string.Equals(toLocation!.Trim(), currentLocation, StringComparison.Ordinal)
            ? $"sensor '{sensor.Id}' is at '{currentLocation}' already"
            : null;
    }

    private static string? Missing(params (string Name, string? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return $"{name} is required";
            }
            if (value.Length > MaxTextLength)
            {
                return $"{name} may have at most {MaxTextLength} characters";
            }
        }
        return null;
    }
}
