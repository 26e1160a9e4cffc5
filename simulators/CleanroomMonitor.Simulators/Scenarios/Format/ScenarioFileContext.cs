using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>Source-generated (de)serialization of scenario files. Unmapped keys are refused so a misspelt field
/// ("perCubicMeter") fails instead of silently taking its default. The models use setters, not init: for init-only
/// properties the generated code sets every one, so an absent field would lose its initializer, its default
/// (dotnet/runtime#84484).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ScenarioFile))]
internal sealed partial class ScenarioFileContext : JsonSerializerContext;
