using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>One line of an excursion's own history: raised, escalated, batch linked, returned, acknowledged, closed.</summary>
public sealed record ExcursionEntry(DateTimeOffset At, string What, LimitLevel Level, string Detail, string By);
