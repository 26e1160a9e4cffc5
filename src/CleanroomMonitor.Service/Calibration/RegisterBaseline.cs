using System.Globalization;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Recording;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Calibration;

/// <summary>Takes the facility file's asset data as the register's initial entry (docs/instruments.md "Calibration
/// register", "Asset data from the facility file"): for each sensor the file gives an <c>asset</c> and the register has no
/// entry of any kind yet, the asset version and its last calibration are recorded, attributed as the limits' baseline is:
/// to <c>Facility:ChangedBy</c> when given, else to the service account "from the facility file". A sensor with any entry
/// made in the application is left alone: after its first entry the register, not the file, is the record.</summary>
internal sealed class RegisterBaseline(ICalibrationRecords records, FacilityDefinition facility, IOptions<FacilityFileChangeOptions> fileChange,
    IOptions<CalibrationOptions> options, IConfiguration configuration, AuditRoles roles, TimeProvider time, ILogger<RegisterBaseline> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var entered = (await records.InstrumentsAsync(cancellationToken)).Select(h => h.Sensor).ToHashSet();
        var now = time.GetUtcNow();
        CheckDates(now);
        var author = fileChange.Value.ChangedBy is { Length: > 0 } name ? name.Trim() : null;
        var by = author ?? AuditEntries.ServiceAccount;
        var role = author is null ? AuditRoles.System : await roles.OfAsync(author, cancellationToken);
        var reason = $"from the facility file (version {facility.Version})" + (author is null ? "" : $", changed by {author}");
        foreach (var sensor in facility.Sensors.Where(s => s.Asset is not null && !entered.Contains(s.Id)))
        {
            var file = sensor.Asset!;
            var asset = new InstrumentAsset(sensor.Id, file.Make, file.Model, file.SerialNumber, sensor.Location,
                file.CalibrationInterval ?? options.Value.DefaultInterval, now, by, reason);
            await records.SaveInstrumentAssetAsync(asset, Audit(now, by, role, AuditAction.InstrumentAssetChanged, sensor, reason), cancellationToken);
            if (file.LastCalibration is { } last)
            {
                var calibration = new CalibrationRecord(Guid.CreateVersion7(now), sensor.Id, last.CalibratedAt, last.Certificate, last.Result, last.PerformedBy,
                    by, now, null, reason);
                await records.SaveCalibrationAsync(calibration,
                    Audit(now, by, role, AuditAction.InstrumentCalibrated, sensor, $"certificate {last.Certificate}: {last.Result}, {reason}"), cancellationToken);
            }
            logger.CalibrationSeededFromFacility(sensor.Id.Value, by);
        }
    }

    /// <summary>The reader has no clock; a certificate dated after now cannot be a calibration already done, so the start
    /// stops naming the file, the sensor's path and the date, as for any other error in the file.</summary>
    private void CheckDates(DateTimeOffset now)
    {
        var errors = new List<ConfigError>();
        for (var i = 0; i < facility.Sensors.Count; i++)
        {
            if (facility.Sensors[i].Asset?.LastCalibration is { } last && last.CalibratedAt > now)
            {
                errors.Add(new ConfigError(configuration["Facility:File"] ?? "facility file", $"$.sensors[{i}].asset.lastCalibration.date",
                    last.CalibratedAt.ToString("O", CultureInfo.InvariantCulture), "a certificate date not in the future"));
            }
        }
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }
    }

    private static AuditEntry Audit(DateTimeOffset now, string by, string role, string action, Sensor sensor, string reason) =>
        new(now, by, role, action, AuditEntity.Sensor, sensor.Id.Value, null, null, reason);
}
