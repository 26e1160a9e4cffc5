namespace CleanroomMonitor.Service.Reports;

/// <summary>One stretch of a sensor parameter's samples as the report's chart draws it: an hourly roll-up row, or a
/// raw range aggregated in InfluxDB, never single readings (a chart of a long batch must not cost a query per point).</summary>
public sealed record ChartBucket(DateTimeOffset From, DateTimeOffset To, long Count, double? Min, double? Max, double? Mean);
