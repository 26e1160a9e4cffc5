namespace CleanroomMonitor.Service.Reports;

/// <summary>A time during the batch in which a sensor of its rooms measured while overdue for calibration or after a
/// failed calibration (EU GMP Part I 3.41): its data is stored flagged and must be assessed (docs/instruments.md
/// "Calibration register").</summary>
/// <param name="Reason">"overdue for calibration" or "failed its last calibration".</param>
/// <param name="To">The passing calibration that ended it; null while it lasts.</param>
public sealed record ReportCalibration(string Sensor, string Room, string Reason, DateTimeOffset From, DateTimeOffset? To);
