using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>Everything a <see cref="LimitEvaluator"/> carries from one reading to the next (the delay, the K-consecutive
/// count, the N-of-M and cumulative-volume windows), so a restart resumes a breach in progress instead of starting empty.</summary>
/// <param name="Reported">The level last reported; reconciled with the open excursions on restore (the records win).</param>
/// <param name="LastAt">The timestamp of the last reading judged: the watermark of this state.</param>
public sealed record EvaluatorState(
    LimitLevel Reported,
    DateTimeOffset? BreachSince,
    DateTimeOffset LastAt,
    int BreachSamples,
    int ConsecutiveCounts,
    IReadOnlyList<bool> RecentAlerts,
    IReadOnlyList<VolumeSample> Window)
{
    /// <summary>The lowest and highest values of the breach under way (null when none is, and in snapshots taken before
    /// they were kept): the start of an excursion whose delay ran out later names the worst of them as its peak.</summary>
    public TimedValue? BreachLowest { get; init; }

    public TimedValue? BreachHighest { get; init; }
}
