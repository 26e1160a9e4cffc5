using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Simulators.Scenarios.Format;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>Reads a scenario file (JSON with comments and trailing commas, like the facility file) and lists every
/// problem at once, each with the file, the JSON path and the value. Given a facility, also checks that the rooms,
/// sensors and parameters it names exist there.</summary>
internal static class ScenarioReader
{
    /// <summary>The JSON Schema of scenario files (deploy/config/schemas/scenario.schema.json), generated from the
    /// model the reader deserializes into.</summary>
    public static string JsonSchema => ConfigSchema.Generate(ScenarioFileContext.Default.ScenarioFile, "CleanroomMonitor scenario",
        "A scripted run of the device simulators (docs/simulators.md): timed events over every sensor's natural signal, and the expectations the service must meet.");

    public static Scenario Load(string path, FacilityDefinition? facility = null)
    {
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException([new ConfigError(path, "$", null, $"a readable scenario file ({ex.Message})")]);
        }
        return Parse(text, path, facility);
    }

    public static Scenario Parse(string json, string file, FacilityDefinition? facility = null)
    {
        var model = ConfigJson.Deserialize(json, file, ScenarioFileContext.Default.ScenarioFile, "scenario");
        return new ScenarioValidation(file, facility).Run(model);
    }

    /// <summary>BatchStart → batch-start.</summary>
    public static string Kebab(ScenarioEventType type) =>
        string.Concat(type.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
