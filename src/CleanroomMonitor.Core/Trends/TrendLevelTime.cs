namespace CleanroomMonitor.Core.Trends;

/// <summary>How long one sensor parameter spent in alert and in action excursions in the period: the union of the
/// excursions' spans of each level, clipped to the period (an open one runs until the report is made).</summary>
public sealed record TrendLevelTime(string Sensor, string Parameter, double AlertMinutes, double ActionMinutes);
