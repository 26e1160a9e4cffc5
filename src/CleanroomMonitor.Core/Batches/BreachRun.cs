using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Batches;

/// <summary>Consecutive samples of one sensor parameter at one level (alert or action) inside a batch window: no sample
/// of the series between <see cref="First"/> and <see cref="Last"/> was missing from the run (at most
/// <see cref="ReleaseRule.RunBreak"/> intervals apart).</summary>
/// <param name="Interval">The sensor's sampling interval: an excursion explains the run when it covers it with one
/// interval to spare at either end (the rule's first and last sample sit one interval from the breach).</param>
public sealed record BreachRun(SensorId Sensor, RoomId Room, Parameter Parameter, LimitLevel Level, DateTimeOffset First, DateTimeOffset Last,
    long Count, TimeSpan Interval)
{
    public string Describe() =>
        $"{Level} samples of {Sensor}/{Parameter.WireName()} in {Room}: {Count} from {First:u} to {Last:u}";

    /// <summary>The same run: same series, level, first and last sample and count. A review signed for a run does not
    /// cover it once late data changed it (grown, or more samples inside it): that is what re-opens the review.</summary>
    public bool SameAs(BreachRun other) =>
        other is not null && Sensor == other.Sensor && Room == other.Room && Parameter == other.Parameter && Level == other.Level
        && First == other.First && Last == other.Last && Count == other.Count;
}
