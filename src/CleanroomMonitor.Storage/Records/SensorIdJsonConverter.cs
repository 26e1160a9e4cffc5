using System.Text.Json;
using System.Text.Json.Serialization;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Storage.Records;

/// <summary>A <see cref="SensorId"/> as a plain JSON string, as it is written everywhere else (topics, tags, API).</summary>
internal sealed class SensorIdJsonConverter : JsonConverter<SensorId>
{
    public override SensorId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A sensor id must be a string."));

    public override void Write(Utf8JsonWriter writer, SensorId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
