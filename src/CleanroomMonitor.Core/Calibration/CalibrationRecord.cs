using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Calibration;

/// <summary>One calibration of an instrument as its certificate states it, entered into the register by a signed-in
/// person. Never changed: a wrong entry is corrected by a later one that says so in its comment.</summary>
/// <param name="CalibratedAt">The calibration date on the certificate (UTC).</param>
/// <param name="CertificateReference">The certificate's number, so the paper can be found.</param>
/// <param name="PerformedBy">Who calibrated, as written on the certificate (a technician or a service company): free text.</param>
/// <param name="EnteredBy">The signed-in person who entered the record: the record is attributable to them.</param>
/// <param name="OutOfServicePeriod">The out-of-service period the instrument was taken out for this calibration, if any.</param>
public sealed record CalibrationRecord(
    Guid Id,
    SensorId Sensor,
    DateTimeOffset CalibratedAt,
    string CertificateReference,
    CalibrationResult Result,
    string PerformedBy,
    string EnteredBy,
    DateTimeOffset EnteredAt,
    Guid? OutOfServicePeriod,
    string? Comment)
{
    /// <summary>Whether the instrument is fit for use after this calibration.</summary>
    public bool IsFit => Result is CalibrationResult.Pass or CalibrationResult.Adjusted;
}
