using CleanroomMonitor.Mqtt.Sparkplug.Schema;
using Google.Protobuf;
using Metric = CleanroomMonitor.Mqtt.Sparkplug.Schema.Payload.Types.Metric;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>Decodes a Sparkplug B payload with the types generated from the standard schema
/// (<c>Schema/sparkplug_b.proto</c>) and maps them to our records. Unknown fields are ignored, as protobuf readers
/// must do for forward compatibility; metadata, properties, datasets, templates and body are parsed but not mapped.</summary>
public static class SparkplugPayloadDecoder
{
    /// <summary>Decodes <paramref name="payload"/>; false with a reason for anything that is not a well-formed payload
    /// (truncated, not protobuf, a declared field with the wrong wire type).</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, out SparkplugPayload decoded, out string error)
    {
        decoded = null!;
        Payload message;
        try
        {
            message = Payload.Parser.ParseFrom(payload.Span);
        }
        catch (InvalidProtocolBufferException ex)
        {
            error = $"not a Sparkplug B protobuf payload: {ex.Message}";
            return false;
        }
        // Read with its declared type, a field with another wire type would be garbage (a string's bytes as a varint).
        if ((message.MisencodedField() ?? message.Metrics.Select(m => m.MisencodedField()).FirstOrDefault(f => f is not null)) is { } field)
        {
            error = $"not a Sparkplug B protobuf payload: {field.FullName} (field {field.FieldNumber}) has the wrong wire type";
            return false;
        }
        decoded = new SparkplugPayload(
            message.HasTimestamp ? message.Timestamp : null,
            message.Metrics.Select(ToMetric).ToList(),
            message.HasSeq ? message.Seq : null,
            message.HasUuid ? message.Uuid : null);
        error = string.Empty;
        return true;
    }

    private static SparkplugMetric ToMetric(Metric metric) => new(
        metric.HasName ? metric.Name : null,
        metric.HasAlias ? metric.Alias : null,
        metric.HasTimestamp ? metric.Timestamp : null,
        metric.HasDatatype ? (SparkplugDataType)metric.Datatype : null,
        metric.IsHistorical,
        metric.IsTransient,
        metric.IsNull,
        ToValue(metric));

    private static SparkplugValue ToValue(Metric metric) => metric.ValueCase switch
    {
        Metric.ValueOneofCase.None => SparkplugValue.None,
        Metric.ValueOneofCase.IntValue => SparkplugValue.OfInt(metric.IntValue),
        Metric.ValueOneofCase.LongValue => SparkplugValue.OfLong(metric.LongValue),
        Metric.ValueOneofCase.FloatValue => SparkplugValue.OfFloat(metric.FloatValue),
        Metric.ValueOneofCase.DoubleValue => SparkplugValue.OfDouble(metric.DoubleValue),
        Metric.ValueOneofCase.BooleanValue => SparkplugValue.OfBoolean(metric.BooleanValue),
        Metric.ValueOneofCase.StringValue => SparkplugValue.OfString(metric.StringValue),
        _ => new SparkplugValue(SparkplugValueKind.Other),   // bytes, dataset, template, extension: never a cleanroom parameter
    };
}
