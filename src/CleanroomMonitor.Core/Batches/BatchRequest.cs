namespace CleanroomMonitor.Core.Batches;

/// <summary>A batch start or end that arrived as a message (a MES over MQTT); exactly one of the two is set.
/// <see cref="Origin"/> names where it came from, for the rejection report.</summary>
public sealed record BatchRequest(BatchStart? Start, BatchEnd? End, string Origin);
