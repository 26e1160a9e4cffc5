namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>A scripted run (docs/simulators.md): timed events relative to the scenario's start, laid over every
/// sensor's natural signal, and what the service must have done about them.</summary>
/// <param name="File">The file it was read from (reports name it).</param>
/// <param name="Facility">The facility file it was written for, when it names one (relative to <paramref name="File"/>).</param>
/// <param name="RealTimeFrom">From this scenario time to the end the scenario plays at 1× with its timestamps caught up
/// with the wall clock: rules the service judges by its own clock (windows, the clean-up deadline) see device time and
/// service time agree there.</param>
internal sealed record Scenario(
    string Name,
    string Description,
    string File,
    string? Facility,
    TimeSpan Duration,
    int Seed,
    IReadOnlyList<ScenarioEvent> Events,
    IReadOnlyList<Expectation> Expectations,
    TimeSpan? RealTimeFrom = null)
{
    /// <summary>The sensors the scenario's events and expectations name.</summary>
    public IEnumerable<string> SensorsNamed =>
        Events.Select(e => e.Sensor).Concat(Expectations.Select(e => e.Sensor)).OfType<string>().Distinct(StringComparer.Ordinal);
}
