using System.Text.Json;
using System.Text.Json.Serialization;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Storage.Records;

/// <summary>A <see cref="RoomId"/> as a plain JSON string.</summary>
internal sealed class RoomIdJsonConverter : JsonConverter<RoomId>
{
    public override RoomId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A room id must be a string."));

    public override void Write(Utf8JsonWriter writer, RoomId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
