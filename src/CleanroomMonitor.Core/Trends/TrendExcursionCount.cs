using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Trends;

/// <summary>How many of the room's excursions of one kind and level started in the period.</summary>
public sealed record TrendExcursionCount(ExcursionKind Kind, LimitLevel Level, int Count);
