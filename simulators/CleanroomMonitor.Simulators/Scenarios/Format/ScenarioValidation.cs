using System.Globalization;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>Turns a scenario file as written into a <see cref="Scenario"/>, or throws with every problem found:
/// field values, what each event and expectation type needs, the facility's names, and the checks across the file.</summary>
internal sealed class ScenarioValidation(string fileName, FacilityDefinition? facility)
{
    private readonly ConfigProblems _problems = new(fileName);

    public Scenario Run(ScenarioFile file)
    {
        var root = _problems.At("$");
        var name = root.Text("name", file.Name, required: true) ?? "";
        var description = root.Text("description", file.Description) ?? "";
        var facilityFile = root.Text("facility", file.Facility);
        var seed = root.NotNegative("seed", file.Seed) ?? 0;
        var duration = root.Duration("duration", file.Duration, required: true) ?? TimeSpan.Zero;
        if (duration <= TimeSpan.Zero && file.Duration is not null && !_problems.Has("$.duration"))
        {
            root.Error("duration", file.Duration, "a duration above 0");
        }
        var realTimeFrom = root.Duration("realTimeFrom", file.RealTimeFrom);
        if (realTimeFrom > duration)
        {
            root.Error("realTimeFrom", file.RealTimeFrom, $"a time within the scenario's duration ({duration})");
        }
        var references = new FacilityReferences(facility);
        var eventValidation = new EventValidation(_problems, references, duration);
        var events = (file.Events ?? []).Select((e, i) => eventValidation.Read(e, Indexed("$.events", i))).OfType<ScenarioEvent>().ToList();
        var expectationValidation = new ExpectationValidation(_problems, references);
        var expectations = (file.Expect ?? []).Select((e, i) => expectationValidation.Read(e, Indexed("$.expect", i))).OfType<Expectation>().ToList();
        if (expectations.Count == 0 && _problems.Errors.Count == 0)
        {
            root.Error("expect", null, "at least one expectation");
        }
        CheckAcrossFile(events, expectations, realTimeFrom);
        _problems.ThrowIfAny();
        return new Scenario(name, description, fileName, facilityFile, duration, seed, [.. events.OrderBy(e => e.At)], expectations, realTimeFrom);
    }

    private void CheckAcrossFile(List<ScenarioEvent> events, List<Expectation> expectations, TimeSpan? realTimeFrom)
    {
        foreach (var expectation in expectations.Where(e => e.Batch is not null && !events.Any(v => v.Batch == e.Batch)))
        {
            _problems.Add(expectation.Path + ".batch", expectation.Batch, "a batch started by an event of this scenario");
        }
        foreach (var window in events.Where(e => e.Type == ScenarioEventType.Window && (realTimeFrom is null || e.At < realTimeFrom)))
        {
            // The service applies windows on its own clock: device time must agree with it, which it does only in the real-time part.
            _problems.Add(window.Path + ".at", window.At.ToString("c", CultureInfo.InvariantCulture),
                "a window inside the scenario's real-time part: set realTimeFrom at or before it (windows are applied on the service's clock)");
        }
    }

    private static string Indexed(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
