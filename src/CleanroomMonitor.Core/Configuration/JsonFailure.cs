using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CleanroomMonitor.Core.Configuration;

namespace CleanroomMonitor.Core.Configuration;

/// <summary>States why a file could not be deserialized as a <see cref="ConfigError"/>: for broken JSON the path and
/// line; for a value of the wrong type or an unknown key, also the value and what the model expects there, taken from
/// the model itself so the text cannot disagree with it.</summary>
public static class JsonFailure
{
    public static ConfigError Describe(JsonException exception, string json, string fileName, JsonTypeInfo root, string what)
    {
        var path = exception.Path ?? "$";
        var line = exception.LineNumber is { } n ? $" (line {n + 1})" : "";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return new ConfigError(fileName, path + line, null, $"valid {what} JSON: {FirstSentence(exception.Message)}");
        }
        using (document)
        {
            var segments = JsonPathSegments.Split(path);
            var value = JsonPathSegments.Find(document.RootElement, segments) is { } element
                ? (element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText())
                : null;
            return new ConfigError(fileName, path, value, Expected(root, segments) + line);
        }
    }

    /// <summary>What the model takes at the end of <paramref name="segments"/>: a kind of value, or, where the last key
    /// is not one of the object's, the keys it knows.</summary>
    private static string Expected(JsonTypeInfo root, IReadOnlyList<string> segments)
    {
        var current = root;
        foreach (var segment in segments)
        {
            if (current.Kind == JsonTypeInfoKind.Object)
            {
                var property = current.Properties.FirstOrDefault(p => p.Name == segment);
                if (property is null)
                {
                    return "a known key: " + string.Join(", ", current.Properties.Select(p => p.Name));
                }
                current = current.Options.GetTypeInfo(property.PropertyType);
            }
            else if (current.ElementType is { } element)
            {
                current = current.Options.GetTypeInfo(element);
            }
        }
        return Describe(current);
    }

    private static string Describe(JsonTypeInfo type) => (Nullable.GetUnderlyingType(type.Type) ?? type.Type) switch
    {
        var t when t == typeof(bool) => "true or false",
        var t when t == typeof(string) => "a string",
        var t when t == typeof(int) || t == typeof(long) => "a whole number",
        var t when t == typeof(double) => "a number",
        _ when type.Kind == JsonTypeInfoKind.Enumerable => "an array",
        _ when type.Kind == JsonTypeInfoKind.Object => "an object",
        var t => $"a {t.Name}",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
