using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Core.Facility;

/// <summary>How one parameter's limits are read outside a facility file (a limit change's proposal): the same shape and
/// the same strictness as in the file (<see cref="FacilityFileContext"/>), so a limit is written one way everywhere.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(LimitSpecFile))]
internal sealed partial class LimitSpecFileContext : JsonSerializerContext;
