using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>The scenario files of a folder (not its subfolders), in file-name order: the library the OQ kit runs.</summary>
internal static class ScenarioLibrary
{
    /// <summary>The library shipped with the product, relative to the repository or installation root.</summary>
    public const string DefaultFolder = "deploy/config/scenarios";

    public static IReadOnlyList<string> Files(string folder) =>
        [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)];

    /// <summary>Reads every scenario, listing the problems of all files at once.</summary>
    public static IReadOnlyList<Scenario> Load(string folder, FacilityDefinition? facility)
    {
        var scenarios = new List<Scenario>();
        var errors = new List<ConfigError>();
        foreach (var file in Files(folder))
        {
            try
            {
                scenarios.Add(ScenarioReader.Load(file, facility));
            }
            catch (ConfigurationException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }
        return errors.Count > 0 ? throw new ConfigurationException(errors) : scenarios;
    }
}
