namespace CleanroomMonitor.Service.Reports;

/// <summary>How much of what a sensor should have sent over the period arrived: expected = period ÷ interval, received
/// = the smallest count of its parameters in InfluxDB.</summary>
/// <param name="Explanation">The closed gap excursions that explain a shortfall, when any.</param>
public sealed record SensorCompleteness(string Room, string Sensor, string Location, TimeSpan Interval, long Expected, long Received, double Ratio,
    bool IsUnexplainedGap, string? Explanation);
