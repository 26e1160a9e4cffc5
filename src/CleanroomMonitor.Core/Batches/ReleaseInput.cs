using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Core.Batches;

/// <summary>Everything the release rule judges: the batch, the excursions touching it, the data of its window.</summary>
/// <param name="ReportEnd">The end of the report period: an open excursion covers up to here.</param>
/// <param name="Touching">The excursions linked to the batch or in its rooms during it, including the System excursions
/// raised when monitoring was stopped in its rooms.</param>
/// <param name="Runs">The alert and action runs found in the stored data of the window.</param>
/// <param name="Capped">Series with more breaching samples than were fetched; their runs are incomplete.</param>
/// <param name="OutOfService">Out-of-service periods in the batch's rooms overlapping its window.</param>
/// <param name="NonMonitoring">Non-monitoring windows in the batch's rooms overlapping its window.</param>
/// <param name="Reviews">QA's breach reviews of the batch.</param>
public sealed record ReleaseInput(
    Batch Batch,
    DateTimeOffset ReportEnd,
    IReadOnlyList<Excursion> Touching,
    IReadOnlyList<CompletenessFinding> Completeness,
    IReadOnlyList<BreachRun> Runs,
    IReadOnlyList<string> Capped,
    IReadOnlyList<OutOfServicePeriod> OutOfService,
    IReadOnlyList<RoomWindow> NonMonitoring,
    IReadOnlyList<BreachReview> Reviews);
