using System.Globalization;
using System.Text.Json.Nodes;

namespace CleanroomMonitor.Modbus.Tests;

/// <summary>Builds an invalid variant of a valid JSON file for a test: objects merge, an array is patched by index
/// when the patch is an object keyed by index, anything else replaces.</summary>
internal static class JsonMerge
{
    public static string Apply(string json, string patch)
    {
        var target = JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        Merge(target, JsonNode.Parse(patch)!);
        return target.ToJsonString();
    }

    private static void Merge(JsonNode target, JsonNode patch)
    {
        foreach (var (key, value) in patch.AsObject().ToList())
        {
            var existing = target is JsonArray array ? array[int.Parse(key, CultureInfo.InvariantCulture)] : target[key];
            if (existing is JsonObject or JsonArray && value is JsonObject)
            {
                Merge(existing, value);
            }
            else if (target is JsonArray a)
            {
                a[int.Parse(key, CultureInfo.InvariantCulture)] = value?.DeepClone();
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
