namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>Evidence attached to a limit change for its reviewers, for example a replay of a period under the current and
/// the proposed limits (<see cref="Kind"/> "replay") or a proposed alert level computed from trend data: a JSON text kept
/// as given, once, with who added it and when.</summary>
public sealed record LimitChangeEvidence(long Sequence, Guid Change, string Kind, string Json, string AddedBy, DateTimeOffset AddedAt);
