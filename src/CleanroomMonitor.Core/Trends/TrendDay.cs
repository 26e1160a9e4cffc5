namespace CleanroomMonitor.Core.Trends;

/// <summary>One site day of a parameter, for the chart: its sample count, P95 and maximum.</summary>
public sealed record TrendDay(DateOnly Day, long Count, double? P95, double? Max);
