namespace CleanroomMonitor.Core.Calibration;

/// <summary>A time the instrument measured while unfit: overdue for calibration, or after a failed one.</summary>
/// <param name="To">When a passing calibration ended it; null while it lasts.</param>
public sealed record UnfitPeriod(DateTimeOffset From, DateTimeOffset? To, CalibrationState Reason)
{
    public bool Covers(DateTimeOffset at) => From <= at && (To is not { } to || at < to);

    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => From <= to && (To is not { } end || end > from);
}
