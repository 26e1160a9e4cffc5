using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Core.Facility;

/// <summary>How a facility file is read: source-generated, so the reader needs no reflection and the JSON Schema is
/// generated from the same metadata. Comments and trailing commas are allowed because people edit the file; an
/// unknown key is an error because a misspelt one ("grdae") would otherwise leave a room silently without a grade.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(FacilityFile))]
internal sealed partial class FacilityFileContext : JsonSerializerContext;
