using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Trends;

/// <summary>The limits in force for a parameter in one room state during the period.</summary>
public sealed record TrendLimit(RoomState State, double? AlertLow, double? AlertHigh, double? ActionLow, double? ActionHigh, string Version);
