using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Core.Facility;

/// <summary>How limits are read outside a facility file (<see cref="LimitSpecJson"/>): one parameter's (a limit change's
/// proposal) or a replay's proposed blocks, with the same shape and strictness as in the file
/// (<see cref="FacilityFileContext"/>; a misspelt "alret" is an error, never a silently unchanged limit).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(LimitSpecFile))]
[JsonSerializable(typeof(Replay.ProposedLimitsFile))]
internal sealed partial class LimitSpecFileContext : JsonSerializerContext;
