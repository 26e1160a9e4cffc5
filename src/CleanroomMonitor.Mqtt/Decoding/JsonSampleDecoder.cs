using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Mqtt.Decoding;

/// <summary>Decodes the product's JSON reading payload (docs/mqtt.md) into a <see cref="SensorSample"/>. It checks
/// shape and types only; the values themselves are judged by <see cref="SampleNormalizer"/>, which every source shares.</summary>
public static class JsonSampleDecoder
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    // Epoch numbers below this are seconds, above it milliseconds: 1e11 s is the year 5138, 1e11 ms is 1973.
    private const double EpochSecondsCeiling = 1e11;

    public static bool TryDecode(Sensor sensor, ReadOnlyMemory<byte> payload, string topic, DateTimeOffset receivedAt,
        out SensorSample sample, out Rejection rejection)
    {
        sample = null!;
        rejection = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload, Options);
        }
        catch (JsonException ex)
        {
            rejection = new Rejection(RejectionReason.MalformedPayload, topic, $"not valid JSON: {ex.Message}");
            return false;
        }
        using (document)
        {
            Rejection? error;
            try
            {
                error = Decode(sensor, document.RootElement, topic, receivedAt, out sample);
            }
            catch (InvalidOperationException ex)
            {
                // JsonDocument checks UTF-8 lazily: a name or string with invalid bytes throws when it is read.
                error = new Rejection(RejectionReason.MalformedPayload, topic, $"not valid UTF-8 JSON: {ex.Message}");
            }
            if (error is null)
            {
                return true;
            }
            rejection = error;
            return false;
        }
    }

    private static Rejection? Decode(Sensor sensor, JsonElement root, string topic, DateTimeOffset receivedAt, out SensorSample sample)
    {
        sample = null!;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Reject(RejectionReason.MalformedPayload, $"expected a JSON object, got {root.ValueKind}");
        }
        DateTimeOffset? timestamp = null;
        long? sequence = null;
        double? volume = null;
        var faults = SampleFaults.None;
        var values = new List<SampleValue>(4);
        foreach (var property in root.EnumerateObject())
        {
            var problem = property.Name switch
            {
                "sensor" => property.Value.ValueKind == JsonValueKind.String && property.Value.ValueEquals(sensor.Id.Value)
                    ? null
                    : Reject(RejectionReason.UnknownSensor, $"payload names sensor {property.Value.GetRawText()} but the topic belongs to '{sensor.Id}'"),
                "ts" => ReadTimestamp(property.Value, out timestamp),
                "seq" => property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var seq) && seq >= 0
                    ? Assign(out sequence, seq)
                    : Reject(RejectionReason.WrongType, $"seq must be a non-negative integer, got {property.Value.GetRawText()}"),
                "volume_l" => ReadNumber(property.Value, "volume_l", out var v) ?? Assign(out volume, v),
                "values" => ReadChannels(property.Value, "values", isCount: false, values),
                "counts" => ReadChannels(property.Value, "counts", isCount: true, values),
                "faults" => ReadFaults(property.Value, ref faults),
                // Gateways add their own fields (unit, quality, device); ignoring them keeps us compatible.
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }
        sample = new SensorSample(sensor.Id, timestamp, receivedAt, values, topic, volume, faults, sequence);
        return null;

        Rejection Reject(RejectionReason reason, string detail) => new(reason, topic, detail);

        static Rejection? Assign<T>(out T? target, T value) where T : struct
        {
            target = value;
            return null;
        }

        Rejection? ReadTimestamp(JsonElement element, out DateTimeOffset? result)
        {
            result = null;
            switch (element.ValueKind)
            {
                case JsonValueKind.String when DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed):
                    result = parsed.ToUniversalTime();
                    return null;
                case JsonValueKind.Number when element.TryGetDouble(out var epoch) && double.IsFinite(epoch) && epoch >= 0 && epoch < 1e14:
                    var ms = epoch < EpochSecondsCeiling ? epoch * 1000 : epoch;
                    result = DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(ms));
                    return null;
                case JsonValueKind.Null:
                    return null;
                default:
                    return Reject(RejectionReason.WrongType, $"ts must be an ISO-8601 UTC time or epoch seconds/milliseconds, got {Truncate(element.GetRawText())}");
            }
        }

        Rejection? ReadNumber(JsonElement element, string name, out double value)
        {
            value = 0;
            switch (element.ValueKind)
            {
                case JsonValueKind.Number when element.TryGetDouble(out value):
                    return double.IsFinite(value) ? null : Reject(RejectionReason.NotFinite, $"{name} is {value}");
                // Gateways often send numbers as strings; accept them, and catch "NaN"/"Infinity" that JSON numbers cannot carry.
                case JsonValueKind.String when double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value):
                    return double.IsFinite(value) ? null : Reject(RejectionReason.NotFinite, $"{name} is {element.GetString()}");
                default:
                    return Reject(RejectionReason.WrongType, $"{name} must be a number, got {Truncate(element.GetRawText())}");
            }
        }

        Rejection? ReadChannels(JsonElement element, string field, bool isCount, List<SampleValue> into)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return Reject(RejectionReason.WrongType, $"{field} must be an object of parameter names to numbers");
            }
            foreach (var channel in element.EnumerateObject())
            {
                if (!ParameterCatalog.TryParse(channel.Name, out var info))
                {
                    return Reject(RejectionReason.UnknownParameter, $"{field}.{Truncate(channel.Name)} is not a known parameter ({ParameterCatalog.Names})");
                }
                if (ReadNumber(channel.Value, $"{field}.{channel.Name}", out var number) is { } problem)
                {
                    return problem;
                }
                if (into.Exists(v => v.Parameter == info.Parameter))
                {
                    return Reject(RejectionReason.MalformedPayload, $"{info.Name} appears twice");
                }
                into.Add(new SampleValue(info.Parameter, number, isCount));
            }
            return null;
        }

        Rejection? ReadFaults(JsonElement element, ref SampleFaults into)
        {
            if (element.ValueKind != JsonValueKind.Array)
            {
                return Reject(RejectionReason.WrongType, "faults must be an array of fault names");
            }
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return Reject(RejectionReason.WrongType, $"faults must hold strings, got {Truncate(item.GetRawText())}");
                }
                into |= item.GetString() switch
                {
                    "laser" => SampleFaults.Laser,
                    "flow" => SampleFaults.Flow,
                    "overflow" => SampleFaults.Overflow,
                    "service" => SampleFaults.Service,
                    "sampler" => SampleFaults.Sampler,
                    "calibration" => SampleFaults.Calibration,
                    // A gateway that left out a saturated or sentinel register says so, as the Modbus decoder does.
                    "saturated" => SampleFaults.Saturated,
                    // An unknown fault is still a fault: the sample must not be judged as clean air.
                    _ => SampleFaults.Other,
                };
            }
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
