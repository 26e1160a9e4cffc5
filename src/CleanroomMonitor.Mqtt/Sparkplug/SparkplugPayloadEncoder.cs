using Google.Protobuf;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>Encodes a Sparkplug B payload with <see cref="CodedOutputStream"/>: what the simulated edge node sends,
/// the rebirth command the service sends, and what the tests build. Fields are written in field-number order.</summary>
public static class SparkplugPayloadEncoder
{
    public static byte[] Encode(SparkplugPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var buffer = new MemoryStream(32 + payload.Metrics.Count * 32);
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            if (payload.Timestamp is { } timestamp)
            {
                output.WriteTag(SparkplugWire.PayloadTimestamp, WireFormat.WireType.Varint);
                output.WriteUInt64(timestamp);
            }
            foreach (var metric in payload.Metrics)
            {
                output.WriteTag(SparkplugWire.PayloadMetrics, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(EncodeMetric(metric)));
            }
            if (payload.Seq is { } seq)
            {
                output.WriteTag(SparkplugWire.PayloadSeq, WireFormat.WireType.Varint);
                output.WriteUInt64(seq);
            }
            if (payload.Uuid is { } uuid)
            {
                output.WriteTag(SparkplugWire.PayloadUuid, WireFormat.WireType.LengthDelimited);
                output.WriteString(uuid);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] EncodeMetric(SparkplugMetric metric)
    {
        using var buffer = new MemoryStream(32);
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            if (metric.Name is { } name)
            {
                output.WriteTag(SparkplugWire.MetricName, WireFormat.WireType.LengthDelimited);
                output.WriteString(name);
            }
            if (metric.Alias is { } alias)
            {
                output.WriteTag(SparkplugWire.MetricAlias, WireFormat.WireType.Varint);
                output.WriteUInt64(alias);
            }
            if (metric.Timestamp is { } timestamp)
            {
                output.WriteTag(SparkplugWire.MetricTimestamp, WireFormat.WireType.Varint);
                output.WriteUInt64(timestamp);
            }
            if (metric.DataType is { } dataType)
            {
                output.WriteTag(SparkplugWire.MetricDataType, WireFormat.WireType.Varint);
                output.WriteUInt32((uint)dataType);
            }
            // proto2 optional booleans: written only when true, as Tahu's encoders do.
            WriteFlag(output, SparkplugWire.MetricIsHistorical, metric.IsHistorical);
            WriteFlag(output, SparkplugWire.MetricIsTransient, metric.IsTransient);
            WriteFlag(output, SparkplugWire.MetricIsNull, metric.IsNull);
            var value = metric.Value;
            switch (value.Kind)
            {
                case SparkplugValueKind.Int:
                    output.WriteTag(SparkplugWire.MetricIntValue, WireFormat.WireType.Varint);
                    output.WriteUInt32((uint)value.Bits);
                    break;
                case SparkplugValueKind.Long:
                    output.WriteTag(SparkplugWire.MetricLongValue, WireFormat.WireType.Varint);
                    output.WriteUInt64(value.Bits);
                    break;
                case SparkplugValueKind.Float:
                    output.WriteTag(SparkplugWire.MetricFloatValue, WireFormat.WireType.Fixed32);
                    output.WriteFloat((float)value.Real);
                    break;
                case SparkplugValueKind.Double:
                    output.WriteTag(SparkplugWire.MetricDoubleValue, WireFormat.WireType.Fixed64);
                    output.WriteDouble(value.Real);
                    break;
                case SparkplugValueKind.Boolean:
                    output.WriteTag(SparkplugWire.MetricBooleanValue, WireFormat.WireType.Varint);
                    output.WriteBool(value.Boolean);
                    break;
                case SparkplugValueKind.String:
                    output.WriteTag(SparkplugWire.MetricStringValue, WireFormat.WireType.LengthDelimited);
                    output.WriteString(value.Text ?? string.Empty);
                    break;
                case SparkplugValueKind.None:
                    break;
                default:
                    throw new NotSupportedException($"Encoding a {value.Kind} metric value is not supported.");
            }
        }
        return buffer.ToArray();
    }

    private static void WriteFlag(CodedOutputStream output, int field, bool value)
    {
        if (value)
        {
            output.WriteTag(field, WireFormat.WireType.Varint);
            output.WriteBool(true);
        }
    }
}
