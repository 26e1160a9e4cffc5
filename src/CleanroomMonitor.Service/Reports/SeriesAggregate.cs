namespace CleanroomMonitor.Service.Reports;

/// <summary>count, min, max and mean of one sensor parameter's <c>value</c> over a period, as InfluxDB computed them.</summary>
public sealed record SeriesAggregate(long Count, double? Min, double? Max, double? Mean);
