using CleanroomMonitor.Core.Calibration;

namespace CleanroomMonitor.Core.Facility;

/// <summary>An instrument's last calibration as the facility file states it, copied from the certificate.</summary>
/// <param name="CalibratedAt">The certificate's date (a date alone is midnight UTC).</param>
/// <param name="PerformedBy">Who calibrated, as on the certificate (a technician or a service company).</param>
public sealed record SensorCalibration(DateTimeOffset CalibratedAt, string Certificate, CalibrationResult Result, string PerformedBy);
