using System.Text.Json;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>The primary host application's STATE payload (Sparkplug 3.0 §5.9): <c>{"online":true|false,"timestamp":ms}</c>,
/// published retained at QoS 1 on <see cref="SparkplugTopic.StateTopic"/>. Edge nodes buffer while it says offline and
/// replay what they buffered, flagged historical, once it says online.</summary>
public sealed record SparkplugHostState(bool Online, long Timestamp)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["online"] = Online, ["timestamp"] = Timestamp });

    /// <summary>Reads a STATE payload; false for anything else (2.2's plain "ONLINE"/"OFFLINE" included).</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out SparkplugHostState state)
    {
        state = null!;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("online", out var online) && online.ValueKind is JsonValueKind.True or JsonValueKind.False
                && root.TryGetProperty("timestamp", out var timestamp) && timestamp.TryGetInt64(out var ms))
            {
                state = new SparkplugHostState(online.GetBoolean(), ms);
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON: not a 3.0 STATE payload.
        }
        return false;
    }
}
