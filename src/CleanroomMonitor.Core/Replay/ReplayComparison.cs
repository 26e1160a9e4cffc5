using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Replay;

/// <summary>The evidence a limit change is approved on (Annex 1 9.9-9.10, Annex 11 §10): the stored readings of a
/// room's period judged by the engine's own rules under the current and the proposed limits, side by side. Plain
/// records and lists, so it serialises to JSON as it is and can be kept with the change.</summary>
/// <param name="Readings">The readings of the room's sensors that were judged.</param>
/// <param name="CurrentVersion">The facility version of the current limits.</param>
/// <param name="ProposedVersion">The version of the proposed definition (the current one with the change applied).</param>
/// <param name="Series">One row per sensor parameter of the room, in the facility's order.</param>
/// <param name="Differences">Every instant the two settings disagree on, in time order.</param>
public sealed record ReplayComparison(
    RoomId Room,
    DateTimeOffset From,
    DateTimeOffset To,
    long Readings,
    string CurrentVersion,
    string ProposedVersion,
    IReadOnlyList<ReplaySeries> Series,
    IReadOnlyList<ReplayedExcursion> Current,
    IReadOnlyList<ReplayedExcursion> Proposed,
    IReadOnlyList<ReplayDifference> Differences);
