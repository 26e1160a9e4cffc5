namespace CleanroomMonitor.Mqtt.Sparkplug;

// Field numbers of the Sparkplug B protobuf schema (proto2, package org.eclipse.tahu.protobuf), from the
// specification's field list (docs/instruments.md §3). Written out here instead of generated: no protoc at build time.
internal static class SparkplugWire
{
    public const int PayloadTimestamp = 1;
    public const int PayloadMetrics = 2;
    public const int PayloadSeq = 3;
    public const int PayloadUuid = 4;

    public const int MetricName = 1;
    public const int MetricAlias = 2;
    public const int MetricTimestamp = 3;
    public const int MetricDataType = 4;
    public const int MetricIsHistorical = 5;
    public const int MetricIsTransient = 6;
    public const int MetricIsNull = 7;
    public const int MetricIntValue = 10;
    public const int MetricLongValue = 11;
    public const int MetricFloatValue = 12;
    public const int MetricDoubleValue = 13;
    public const int MetricBooleanValue = 14;
    public const int MetricStringValue = 15;
    public const int MetricBytesValue = 16;
    public const int MetricExtensionValue = 19;
}
