namespace CleanroomMonitor.Core.Calibration;

/// <summary>An instrument's calibration state at <see cref="At"/>.</summary>
/// <param name="DueAt">The last fit calibration plus the interval; null when never calibrated fit.</param>
/// <param name="Last">The latest calibration by certificate date, whatever its result.</param>
public sealed record CalibrationStatus(CalibrationState State, DateTimeOffset At, DateTimeOffset? DueAt, CalibrationRecord? Last)
{
    /// <summary>Whether readings measured now are flagged (overdue or failed).</summary>
    public bool IsUnfit => State is CalibrationState.Overdue or CalibrationState.Failed;

    /// <summary>Whole days until the due date (negative when past it), rounded towards the due date; null without one.</summary>
    public int? DaysToDue => DueAt is { } due ? (int)Math.Floor((due - At).TotalDays) : null;
}
