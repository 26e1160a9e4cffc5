using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The JSON form of stored records (the <c>record</c> columns and the audit's old and new values). It must
/// give back exactly what was saved: enums by name (readable in the audit, stable if members are reordered), ids as
/// plain strings, <see cref="DateTimeOffset"/> with its offset, doubles in round-trip form, NaN and infinities kept.</summary>
public static class RecordJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"A stored {typeof(T).Name} record is JSON null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            // "≥5.0 µm" stays readable in the audit trail; HTML-sensitive characters are still escaped.
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
            Converters = { new JsonStringEnumConverter(), new SensorIdJsonConverter(), new RoomIdJsonConverter() },
        };
        options.MakeReadOnly();
        return options;
    }
}
