using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Simulators.Tests.Scenarios;

public sealed class ScenarioReaderTests
{
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, ScenarioLibrary.DefaultFolder);
    private static readonly FacilityDefinition Oq = FacilityReader.Load(Path.Combine(RepositoryPaths.Root, "deploy", "config", "facility.oq.json"));

    private static ConfigurationException Refused(string json) =>
        Assert.Throws<ConfigurationException>(() => ScenarioReader.Parse(json, "bad.json", Oq));

    [Fact]
    public void Load_Library_EveryScenarioValidAgainstTheOqFacility()
    {
        var scenarios = ScenarioLibrary.Load(Folder, Oq);

        Assert.True(scenarios.Count >= 8);
        Assert.All(scenarios, s => Assert.NotEmpty(s.Expectations));
        Assert.Contains(scenarios, s => s.Expectations.Any(e => e.Type == ExpectationType.NoExcursion));
        Assert.Equal(scenarios.Count, scenarios.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void Load_DemoScenario_ValidAgainstTheDemoFacility()
    {
        var scenario = ScenarioReader.Load(Path.Combine(Folder, "demo", "suite1-burst.json"), FacilityReader.Load(RepositoryPaths.DemoFacility));

        Assert.Equal(ScenarioEventType.ParticleBurst, Assert.Single(scenario.Events).Type);
    }

    [Fact]
    public void Parse_FullEvent_ReadsEveryField()
    {
        var scenario = ScenarioReader.Parse("""
            // comments and trailing commas are allowed
            { "name": "n", "duration": "10m", "seed": 3,
              "events": [ { "at": "90s", "type": "particle-burst", "sensor": "crb-pc-a", "size": "5.0", "count": 1, "samples": 2 },
                          { "at": "1m", "type": "batch-start", "batch": "B", "rooms": ["crb"], },
                          { "at": "2m", "type": "clock-skew", "sensor": "cd-th", "skew": "-10m", "duration": "1m" } ],
              "expect": [ { "type": "excursion", "requirement": "R", "kind": "Particles", "level": "Alert", "sensor": "crb-pc-a", "after": "1m", "within": "5m", "batch": "B" } ] }
            """, "ok.json", Oq);

        Assert.Equal(["batch-start", "particle-burst", "clock-skew"], scenario.Events.Select(e => ScenarioReader.Kebab(e.Type)));
        var burst = scenario.Events[1];
        Assert.Equal((TimeSpan.FromSeconds(90), Parameter.ParticlesFiveMicron, 1L, 2), (burst.At, burst.Size!.Value, burst.Count!.Value, burst.Samples!.Value));
        Assert.Equal(TimeSpan.FromMinutes(-10), scenario.Events[2].Skew);
        var expectation = Assert.Single(scenario.Expectations);
        Assert.Equal((ExcursionKind.Particles, "Alert", TimeSpan.FromMinutes(5)), (expectation.Kind!.Value, expectation.Level!, expectation.Within!.Value));
    }

    [Theory]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"explode","sensor":"cd-th"}],"expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.events[0].type = 'explode': expected one of batch-start")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"silent","sensor":"nope","duration":"30s"}],"expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.events[0].sensor = 'nope': expected a sensor of facility oq-site")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"6m","type":"silent","sensor":"cd-th","duration":"30s"}],"expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.events[0].at = '6m': expected a time within the scenario's duration")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"silent","sensor":"cd-th","duration":"soon"}],"expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.events[0].duration = 'soon': expected a duration")]
    [InlineData("""{"name":"n","duration":"5m","events":[],"expect":[{"type":"excursion","requirement":"r","kind":"Particles","sensor":"cd-th","level":"Panic"}]}""",
        "bad.json: $.expect[0].level = 'Panic': expected Alert or Action")]
    [InlineData("""{"name":"n","duration":"5m","events":[],"expect":[{"type":"rejection","requirement":"r","reason":"Bogus"}]}""",
        "bad.json: $.expect[0].reason = 'Bogus': expected a rejection reason")]
    [InlineData("""{"name":"n","duration":"5m","events":[],"expect":[{"type":"excursion","requirement":"r","kind":"Particles","sensor":"cd-th","batch":"X"}]}""",
        "bad.json: $.expect[0].batch = 'X': expected a batch started by an event of this scenario")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"fault","sensor":"crc-pc","faults":["smoke"],"samples":1}],"expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.events[0].faults = 'smoke': expected laser, flow")]
    [InlineData("""{"name":"n","duration":"5m","grdae":"A","expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.grdae = 'A': expected a known key")]
    [InlineData("""{"duration":"5m","expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.name: expected a value (required)")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"set","sensor":"cd-th","parameter":"co2","value":1,"duration":"1m"}],"expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.events[0].parameter = 'co2': expected a parameter sensor cd-th measures")]
    public void Parse_InvalidScenario_NamesFilePathAndValue(string json, string expected)
    {
        var ex = Refused(json);

        Assert.Contains(ex.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_ListsThemAll()
    {
        var ex = Refused("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"door-open"},{"at":"x","type":"silent"}],"expect":[]}""");

        Assert.True(ex.Errors.Count >= 3, ex.Message);
    }

    [Fact]
    public void Parse_NotJson_NamesTheLine()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ScenarioReader.Parse("{\n\"name\": ", "broken.json"));

        Assert.StartsWith("broken.json: line ", ex.Errors[0].ToString(), StringComparison.Ordinal);
    }
}
