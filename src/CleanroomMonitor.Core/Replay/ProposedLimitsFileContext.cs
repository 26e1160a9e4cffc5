using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Core.Replay;

/// <summary>Read like the facility file (source-generated, camelCase, an unknown key an error): a misspelt "alret" must
/// not leave the proposal silently unchanged.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ProposedLimitsFile))]
internal sealed partial class ProposedLimitsFileContext : JsonSerializerContext;
