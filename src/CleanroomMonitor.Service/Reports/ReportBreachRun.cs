using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Reports;

/// <summary>A run of alert or action samples found in the stored data of the batch window (<see cref="BreachRun"/>), and
/// what accounts for it: the excursion that covers it, or QA's signed breach review of that very run; neither blocks release.</summary>
/// <param name="ExplainedBy">The excursion whose period covers the run, if any.</param>
/// <param name="Review">QA's signed review of this run, if any (and no excursion covers it).</param>
public sealed record ReportBreachRun(
    string Room,
    string Sensor,
    string Parameter,
    LimitLevel Level,
    DateTimeOffset First,
    DateTimeOffset Last,
    long Count,
    TimeSpan Interval,
    Guid? ExplainedBy,
    ReportBreachReview? Review)
{
    /// <summary>Neither an excursion nor a review accounts for it: it blocks release.</summary>
    public bool IsUnexplained => ExplainedBy is null && Review is null;

    /// <summary>The Core run this row shows (for matching a review request against it).</summary>
    public BreachRun ToRun() => new(new SensorId(Sensor), new RoomId(Room),
        ParameterCatalog.TryParse(Parameter, out var info) ? info.Parameter : throw new InvalidOperationException($"unknown parameter {Parameter}"),
        Level, First, Last, Count, Interval);
}
