using CleanroomMonitor.Mqtt.Sparkplug.Schema;
using Google.Protobuf;
using Metric = CleanroomMonitor.Mqtt.Sparkplug.Schema.Payload.Types.Metric;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>Encodes a Sparkplug B payload with the types generated from the standard schema
/// (<c>Schema/sparkplug_b.proto</c>): what the simulated edge node sends, the rebirth command the service sends, and
/// what the tests build. The generated code writes fields in field-number order, as the golden payloads expect.</summary>
public static class SparkplugPayloadEncoder
{
    public static byte[] Encode(SparkplugPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var message = new Payload();
        if (payload.Timestamp is { } timestamp)
        {
            message.Timestamp = timestamp;
        }
        message.Metrics.AddRange(payload.Metrics.Select(ToMessage));
        if (payload.Seq is { } seq)
        {
            message.Seq = seq;
        }
        if (payload.Uuid is { } uuid)
        {
            message.Uuid = uuid;
        }
        return message.ToByteArray();
    }

    // Setting a proto2 optional field marks it present, so only what the record carries is set.
    private static Metric ToMessage(SparkplugMetric metric)
    {
        var message = new Metric();
        if (metric.Name is { } name)
        {
            message.Name = name;
        }
        if (metric.Alias is { } alias)
        {
            message.Alias = alias;
        }
        if (metric.Timestamp is { } timestamp)
        {
            message.Timestamp = timestamp;
        }
        if (metric.DataType is { } dataType)
        {
            message.Datatype = (uint)dataType;
        }
        // The flags are written only when true, as Tahu's encoders do.
        if (metric.IsHistorical)
        {
            message.IsHistorical = true;
        }
        if (metric.IsTransient)
        {
            message.IsTransient = true;
        }
        if (metric.IsNull)
        {
            message.IsNull = true;
        }
        SetValue(message, metric.Value);
        return message;
    }

    private static void SetValue(Metric message, SparkplugValue value)
    {
        switch (value.Kind)
        {
            case SparkplugValueKind.None:
                break;
            case SparkplugValueKind.Int:
                message.IntValue = (uint)value.Bits;
                break;
            case SparkplugValueKind.Long:
                message.LongValue = value.Bits;
                break;
            case SparkplugValueKind.Float:
                message.FloatValue = (float)value.Real;
                break;
            case SparkplugValueKind.Double:
                message.DoubleValue = value.Real;
                break;
            case SparkplugValueKind.Boolean:
                message.BooleanValue = value.Boolean;
                break;
            case SparkplugValueKind.String:
                message.StringValue = value.Text ?? string.Empty;
                break;
            default:
                throw new NotSupportedException($"Encoding a {value.Kind} metric value is not supported.");
        }
    }
}
