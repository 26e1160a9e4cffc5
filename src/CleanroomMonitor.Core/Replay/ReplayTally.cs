namespace CleanroomMonitor.Core.Replay;

/// <summary>What one setting of the limits produced for one sensor parameter over the period: excursions by their
/// highest level, and the minutes spent at each level.</summary>
public sealed record ReplayTally(int AlertExcursions, int ActionExcursions, double AlertMinutes, double ActionMinutes)
{
    public static ReplayTally Of(IEnumerable<ReplayedExcursion> excursions)
    {
        ArgumentNullException.ThrowIfNull(excursions);
        var list = excursions.ToList();
        return new ReplayTally(
            list.Count(e => e.Level == Limits.LimitLevel.Alert),
            list.Count(e => e.Level == Limits.LimitLevel.Action),
            list.Sum(e => e.AlertMinutes),
            list.Sum(e => e.ActionMinutes));
    }
}
