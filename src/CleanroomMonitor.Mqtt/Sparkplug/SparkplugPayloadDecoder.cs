using System.Runtime.InteropServices;
using Google.Protobuf;
using static Google.Protobuf.WireFormat;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>Decodes a Sparkplug B payload by walking the protobuf wire format with <see cref="CodedInputStream"/>:
/// no generated code, so no protoc in the build. Unknown fields and the parts a cleanroom does not use (metadata,
/// properties, datasets, templates, body) are skipped, as protobuf readers must do for forward compatibility.</summary>
public static class SparkplugPayloadDecoder
{
    /// <summary>Decodes <paramref name="payload"/>; false with a reason for anything that is not a well-formed payload
    /// (truncated, not protobuf, a known field with the wrong wire type).</summary>
    public static bool TryDecode(ReadOnlyMemory<byte> payload, out SparkplugPayload decoded, out string error)
    {
        decoded = null!;
        error = string.Empty;
        var segment = MemoryMarshal.TryGetArray(payload, out var array) ? array : new ArraySegment<byte>(payload.ToArray());
        try
        {
            decoded = ReadPayload(new CodedInputStream(segment.Array!, segment.Offset, segment.Count));
            return true;
        }
        catch (InvalidProtocolBufferException ex)
        {
            error = $"not a Sparkplug B protobuf payload: {ex.Message}";
        }
        catch (FormatException ex)
        {
            error = $"not a Sparkplug B protobuf payload: {ex.Message}";
        }
        return false;
    }

    private static SparkplugPayload ReadPayload(CodedInputStream input)
    {
        ulong? timestamp = null;
        ulong? seq = null;
        string? uuid = null;
        var metrics = new List<SparkplugMetric>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (GetTagFieldNumber(tag))
            {
                case SparkplugWire.PayloadTimestamp:
                    Expect(tag, WireType.Varint, "timestamp");
                    timestamp = input.ReadUInt64();
                    break;
                case SparkplugWire.PayloadMetrics:
                    Expect(tag, WireType.LengthDelimited, "metrics");
                    metrics.Add(ReadMetric(input.ReadBytes()));
                    break;
                case SparkplugWire.PayloadSeq:
                    Expect(tag, WireType.Varint, "seq");
                    seq = input.ReadUInt64();
                    break;
                case SparkplugWire.PayloadUuid:
                    Expect(tag, WireType.LengthDelimited, "uuid");
                    uuid = input.ReadString();
                    break;
                default:
                    input.SkipLastField();   // body (5), extensions
                    break;
            }
        }
        return new SparkplugPayload(timestamp, metrics, seq, uuid);
    }

    private static SparkplugMetric ReadMetric(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string? name = null;
        ulong? alias = null;
        ulong? timestamp = null;
        SparkplugDataType? dataType = null;
        bool historical = false, transient = false, isNull = false;
        var value = SparkplugValue.None;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (GetTagFieldNumber(tag))
            {
                case SparkplugWire.MetricName:
                    Expect(tag, WireType.LengthDelimited, "metric name");
                    name = input.ReadString();
                    break;
                case SparkplugWire.MetricAlias:
                    Expect(tag, WireType.Varint, "metric alias");
                    alias = input.ReadUInt64();
                    break;
                case SparkplugWire.MetricTimestamp:
                    Expect(tag, WireType.Varint, "metric timestamp");
                    timestamp = input.ReadUInt64();
                    break;
                case SparkplugWire.MetricDataType:
                    Expect(tag, WireType.Varint, "metric datatype");
                    dataType = (SparkplugDataType)input.ReadUInt32();
                    break;
                case SparkplugWire.MetricIsHistorical:
                    Expect(tag, WireType.Varint, "is_historical");
                    historical = input.ReadBool();
                    break;
                case SparkplugWire.MetricIsTransient:
                    Expect(tag, WireType.Varint, "is_transient");
                    transient = input.ReadBool();
                    break;
                case SparkplugWire.MetricIsNull:
                    Expect(tag, WireType.Varint, "is_null");
                    isNull = input.ReadBool();
                    break;
                // proto2 oneof: the last member on the wire wins.
                case SparkplugWire.MetricIntValue:
                    Expect(tag, WireType.Varint, "int_value");
                    value = SparkplugValue.OfInt(input.ReadUInt32());
                    break;
                case SparkplugWire.MetricLongValue:
                    Expect(tag, WireType.Varint, "long_value");
                    value = SparkplugValue.OfLong(input.ReadUInt64());
                    break;
                case SparkplugWire.MetricFloatValue:
                    Expect(tag, WireType.Fixed32, "float_value");
                    value = SparkplugValue.OfFloat(input.ReadFloat());
                    break;
                case SparkplugWire.MetricDoubleValue:
                    Expect(tag, WireType.Fixed64, "double_value");
                    value = SparkplugValue.OfDouble(input.ReadDouble());
                    break;
                case SparkplugWire.MetricBooleanValue:
                    Expect(tag, WireType.Varint, "boolean_value");
                    value = SparkplugValue.OfBoolean(input.ReadBool());
                    break;
                case SparkplugWire.MetricStringValue:
                    Expect(tag, WireType.LengthDelimited, "string_value");
                    value = SparkplugValue.OfString(input.ReadString());
                    break;
                case >= SparkplugWire.MetricBytesValue and <= SparkplugWire.MetricExtensionValue:
                    input.SkipLastField();   // bytes, dataset, template, extension: never a cleanroom parameter
                    value = new SparkplugValue(SparkplugValueKind.Other);
                    break;
                default:
                    input.SkipLastField();   // metadata (8), properties (9), unknown fields
                    break;
            }
        }
        return new SparkplugMetric(name, alias, timestamp, dataType, historical, transient, isNull, value);
    }

    // A known field with another wire type would be read as garbage (a string's bytes as a varint): refuse it.
    private static void Expect(uint tag, WireType expected, string field)
    {
        if (GetTagWireType(tag) != expected)
        {
            throw new FormatException($"{field} has wire type {GetTagWireType(tag)}, expected {expected}");
        }
    }
}
