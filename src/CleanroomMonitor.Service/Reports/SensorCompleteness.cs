namespace CleanroomMonitor.Service.Reports;

/// <summary>How much of what a sensor should have sent over the period arrived: expected = ⌊period ÷ interval⌋, received
/// = the smallest count of its parameters in InfluxDB, ratio = min(received, expected) ÷ expected (never above 100 %;
/// <see cref="CleanroomMonitor.Core.Batches.SampleCompleteness"/>).</summary>
/// <param name="Explanation">The closed gap excursions that explain a shortfall, when any.</param>
public sealed record SensorCompleteness(string Room, string Sensor, string Location, TimeSpan Interval, long Expected, long Received, double Ratio,
    bool IsUnexplainedGap, string? Explanation)
{
    /// <summary>Samples beyond what the sensor's interval allows (expected + the one edge sample): it sends faster than
    /// configured, or a second source writes it.</summary>
    public long Surplus { get; init; }
}
