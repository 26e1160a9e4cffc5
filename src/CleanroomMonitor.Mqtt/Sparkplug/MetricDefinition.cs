namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>A metric as its birth declared it; <see cref="Device"/> is null for the node's own metrics.</summary>
internal readonly record struct MetricDefinition(string Name, SparkplugDataType DataType, string? Device);
