namespace CleanroomMonitor.Service.Reports;

/// <summary>One sensor parameter over the batch period, aggregated in InfluxDB: samples, min/max/mean, and the samples
/// (and time: samples × the sensor's interval) at alert level and at action level against the limits in force.</summary>
/// <param name="IsJudged">Limits are set for the parameter; otherwise the alert and action figures are zero by definition.</param>
public sealed record ParameterStatistics(string Room, string Sensor, string Parameter, string Unit, long Samples, double? Min, double? Max, double? Mean,
    bool IsJudged, long AlertSamples, long ActionSamples, TimeSpan TimeInAlert, TimeSpan TimeInAction)
{
    /// <summary>The samples by roll-up hour and raw-range step, in time order, for the report's chart.</summary>
    public IReadOnlyList<ChartBucket> Buckets { get; init; } = [];
}
