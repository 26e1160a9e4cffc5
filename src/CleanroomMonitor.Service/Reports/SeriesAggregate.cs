namespace CleanroomMonitor.Service.Reports;

/// <summary>count, min, max and mean of one sensor parameter's <c>value</c> over a period, as InfluxDB computed them.</summary>
public sealed record SeriesAggregate(long Count, double? Min, double? Max, double? Mean)
{
    /// <summary>The same samples in time order, by roll-up hour and by raw-range step: what the report's chart draws.</summary>
    public IReadOnlyList<ChartBucket> Buckets { get; init; } = [];
}
