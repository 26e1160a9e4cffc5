using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Batches;

namespace CleanroomMonitor.Mqtt.Decoding;

/// <summary>Decodes a MES batch message (docs/excursions.md): <c>{"action":"start","number":"B-1","product":"…",
/// "tenant":"…","rooms":["cr1"],"process":"open","at":"…","by":"mes","token":"crm_…"}</c> or <c>{"action":"end","number":"B-1"}</c>.
/// Shape and types only; the batch rules (known rooms, unique numbers, end after start) are the engine's.</summary>
public static class BatchMessageDecoder
{
    public static bool TryDecode(ReadOnlyMemory<byte> payload, string origin, out BatchRequest request, out string error)
    {
        request = null!;
        try
        {
            using var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "expected a JSON object";
                return false;
            }
            var action = Text(root, "action");
            var by = Text(root, "by") ?? "mes";
            DateTimeOffset? at = null;
            if (Text(root, "at") is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                {
                    error = $"at '{text}' is not an ISO-8601 time";
                    return false;
                }
                at = parsed;
            }
            List<string>? rooms = null;
            if (root.TryGetProperty("rooms", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(r => r.ValueKind != JsonValueKind.String))
                {
                    error = "rooms must be an array of room ids";
                    return false;
                }
                rooms = list.EnumerateArray().Select(r => r.GetString()!).ToList();
            }
            (request, error) = action switch
            {
                "start" => (new BatchRequest(new BatchStart(Text(root, "number"), Text(root, "product"), Text(root, "tenant"), rooms, Text(root, "process"), at, by), null, origin, Text(root, "token")), string.Empty),
                "end" => (new BatchRequest(null, new BatchEnd(Text(root, "number"), at, by), origin, Text(root, "token")), string.Empty),
                _ => (null!, $"action must be \"start\" or \"end\", got '{action}'"),
            };
            return request is not null;
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON: {ex.Message}";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            error = ex.Message;   // a field of the wrong JSON type
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw new InvalidOperationException($"{name} must be a string"),
        } : null;
}
