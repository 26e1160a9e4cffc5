using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>How a device profile is read: source-generated, so the reader needs no reflection and the JSON Schema is
/// generated from the same metadata. Comments and trailing commas are allowed because people edit profiles; an
/// unknown key is an error because a misspelt one ("adress") would otherwise be ignored and the point silently read
/// from register 0.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ProfileFile))]
internal sealed partial class ProfileFileContext : JsonSerializerContext;
