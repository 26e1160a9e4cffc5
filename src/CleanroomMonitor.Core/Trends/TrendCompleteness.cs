namespace CleanroomMonitor.Core.Trends;

/// <summary>A sensor's data completeness over the period, as the batch report measures it (<see cref="Batches.SampleCompleteness"/>):
/// samples stored (the smallest count among its parameters) against whole intervals in the period.</summary>
public sealed record TrendCompleteness(string Sensor, string Location, long Expected, long Received, double Ratio);
