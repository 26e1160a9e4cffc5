namespace CleanroomMonitor.Core.Excursions;

/// <summary>The rule state of every sensor parameter at <paramref name="TakenAt"/>: what the engine saves on a timer,
/// after each recorded excursion change and at a clean stop, and loads at start (docs/reliability.md).</summary>
/// <param name="FacilityVersion">The facility definition it was taken under; the rules of another version may differ,
/// so a snapshot of another version is not loaded.</param>
public sealed record RuleSnapshot(DateTimeOffset TakenAt, string FacilityVersion, IReadOnlyList<RuleStateEntry> Rules);
