using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Replay;

/// <summary>An instant at which the two settings disagree: an excursion starting there under one and not the other,
/// or under both with another level or end. The levels and ends are null where that setting raised nothing.</summary>
public sealed record ReplayDifference(
    SensorId Sensor,
    Parameter Parameter,
    ExcursionKind Kind,
    DateTimeOffset At,
    ReplayDifferenceKind Difference,
    LimitLevel? CurrentLevel,
    LimitLevel? ProposedLevel,
    DateTimeOffset? CurrentEnd,
    DateTimeOffset? ProposedEnd);
