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

        Assert.True(scenarios.Count >= 15);
        Assert.All(scenarios, s => Assert.NotEmpty(s.Expectations));
        Assert.Contains(scenarios, s => s.Expectations.Any(e => e.Type == ExpectationType.NoExcursion));
        Assert.Equal(scenarios.Count, scenarios.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void Load_Library_EveryRowNamesTheRegulatoryClauseItComesFrom()
    {
        var rows = ScenarioLibrary.Load(Folder, Oq).SelectMany(s => s.Expectations).ToList();

        // Issue 24: the OQ report gives each requirement its Annex 1, Annex 11 or Part 11 clause.
        Assert.All(rows, e => Assert.Matches(@"^(EU GMP Annex (1|11) |21 CFR Part 11 )", e.Clause ?? ""));
    }

    [Theory]
    [InlineData("RULE-N-OF-M")]
    [InlineData("RULE-CUMULATIVE")]
    [InlineData("CLEANUP-DEADLINE")]
    [InlineData("WINDOW-NOT-JUDGED")]
    [InlineData("COMM-LOSS")]
    [InlineData("ACK-SEQUENCE")]
    [InlineData("AUDIT-TRAIL")]
    [InlineData("BACKUP-VERIFY")]
    public void Load_Library_CoversRequirement(string requirement)
    {
        var scenarios = ScenarioLibrary.Load(Folder, Oq);

        Assert.Contains(scenarios.SelectMany(s => s.Expectations), e => e.Requirement.StartsWith(requirement + ":", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Library_RealTimeScenariosComeLast()
    {
        // OQ runs cut the timeline after each real-time tail and wait before the next part: last, they cost least.
        var scenarios = ScenarioLibrary.Load(Folder, Oq);

        var firstRealTime = scenarios.ToList().FindIndex(s => s.RealTimeFrom is not null);
        Assert.True(firstRealTime > 0);
        Assert.All(scenarios.Skip(firstRealTime), s => Assert.NotNull(s.RealTimeFrom));
    }

    [Fact]
    public void Parse_NewEventsAndExpectations_ReadEveryField()
    {
        var scenario = ScenarioReader.Parse("""
            { "name": "n", "duration": "5m", "realTimeFrom": "1m",
              "events": [ { "at": "10s", "type": "particle-burst", "sensor": "crb-pc-nm", "size": "5.0", "counts": [1, 0, 2], "samples": 6 },
                          { "at": "2m", "type": "window", "room": "vv", "kind": "operation", "duration": "30s", "reason": "filling" },
                          { "at": "3m", "type": "silent", "sensor": "store-th", "duration": "20s" } ],
              "expect": [ { "type": "excursion", "requirement": "R1", "kind": "CommunicationLoss", "sensor": "store-th", "returned": true },
                          { "type": "room-state", "requirement": "R2", "room": "vv", "state": "InOperation", "rule": "operation window" },
                          { "type": "acknowledge-close", "requirement": "R3", "kind": "Particles", "sensor": "crb-pc-nm" },
                          { "type": "audit", "requirement": "R4" }, { "type": "backup", "requirement": "R5" } ] }
            """, "ok.json", Oq);

        Assert.Equal(TimeSpan.FromMinutes(1), scenario.RealTimeFrom);
        Assert.Equal([1L, 0, 2], scenario.Events[0].Counts);
        Assert.Equal(("vv", "operation", "filling", TimeSpan.FromSeconds(30)), (scenario.Events[1].Room!, scenario.Events[1].WindowKind, scenario.Events[1].Reason!, scenario.Events[1].Duration));
        Assert.Equal([ExpectationType.Excursion, ExpectationType.RoomState, ExpectationType.AcknowledgeClose, ExpectationType.Audit, ExpectationType.Backup],
            scenario.Expectations.Select(e => e.Type));
        Assert.True(scenario.Expectations[0].Returned);
        Assert.Equal("InOperation", scenario.Expectations[1].State);
        // The real-time tail is played at 1×, like a silent window.
        Assert.Contains((TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)), ScenarioRunner.RealTime(scenario));
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
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"fault","sensor":"crc-pc","faults":["inconsistentcounts"],"samples":1}],"expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.events[0].faults = 'inconsistentcounts': expected laser, flow, overflow, service, sampler, calibration, saturated or other")]
    [InlineData("""{"name":"n","duration":"5m","grdae":"A","expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.grdae = 'A': expected a known key")]
    [InlineData("""{"duration":"5m","expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.name: expected a value (required)")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"set","sensor":"cd-th","parameter":"co2","value":1,"duration":"1m"}],"expect":[{"type":"rejection","requirement":"r","reason":"Empty"}]}""",
        "bad.json: $.events[0].parameter = 'co2': expected a parameter sensor cd-th measures")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"window","room":"vv","duration":"30s","reason":"r"}],"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events[0].at = '00:01:00': expected a window inside the scenario's real-time part")]
    [InlineData("""{"name":"n","duration":"5m","realTimeFrom":"0s","events":[{"at":"1m","type":"window","room":"vv","kind":"maintenance","duration":"30s","reason":"r"}],"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events[0].kind = 'maintenance': expected non-monitoring or operation")]
    [InlineData("""{"name":"n","duration":"5m","realTimeFrom":"0s","events":[{"at":"1m","type":"window","room":"vv","duration":"30s"}],"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events[0].reason: expected a value for this event type")]
    [InlineData("""{"name":"n","duration":"5m","realTimeFrom":"6m","expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.realTimeFrom = '6m': expected a time within the scenario's duration")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"particle-burst","sensor":"crb-pc-a","counts":[1,-2],"samples":2}],"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events[0].counts = '[1,-2]': expected a non-empty array of whole numbers")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"particle-burst","sensor":"crb-pc-a","count":1,"counts":[1],"samples":2}],"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events[0].counts = '[1]': expected either count or counts")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"fault","sensor":"store-th","faults":["flow"],"samples":1}],"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events[0].sensor = 'store-th': expected an MQTT sensor")]
    [InlineData("""{"name":"n","duration":"5m","events":[],"expect":[{"type":"room-state","requirement":"r","room":"vv","state":"Asleep"}]}""",
        "bad.json: $.expect[0].state = 'Asleep': expected a room state: AtRest")]
    [InlineData("""{"name":"n","duration":"5m","events":[],"expect":[{"type":"acknowledge-close","requirement":"r","sensor":"cd-th"}]}""",
        "bad.json: $.expect[0].kind: expected a value for this event type")]
    [InlineData("""{"name":"n","duration":"5m","events":[],"expect":[{"type":"excursion","requirement":"r","kind":"DataGap","sensor":"cd-th","returned":"yes"}]}""",
        "bad.json: $.expect[0].returned = 'yes': expected true or false")]
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

        // Path first, then the line, as the facility reader states a JSON syntax error.
        Assert.StartsWith("broken.json: $.name (line 2): expected valid scenario JSON", ex.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"n","duration":"5m","seed":"x","expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.seed = 'x': expected a whole number (line 1)")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"batch-start","batch":"B","rooms":["vv",3]}],"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events[0].rooms[1] = '3': expected a string (line 1)")]
    [InlineData("""{"name":"n","duration":"5m","events":{},"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events = '{}': expected an array (line 1)")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"door-open","room":"al","duration":"15s","dropPA":3}],"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events[0].dropPA = '3': expected a known key: at, type, batch, rooms")]
    [InlineData("""{"name":"n","duration":"5m","events":[{"at":"1m","type":"window","room":"vv","duration":"30s","reason":"r","kind":null}],"expect":[{"type":"audit","requirement":"r"}]}""",
        "bad.json: $.events[0].kind = 'null': expected a string (line 1)")]
    public void Parse_WrongTypeOrUnknownKey_NamesValueAndWhatTheModelTakes(string json, string expected)
    {
        var ex = Refused(json);

        Assert.StartsWith(expected, Assert.Single(ex.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NullEvent_IsReportedWithTheOtherProblems()
    {
        var ex = Refused("""{"name":"n","duration":"0s","events":[null],"expect":[{"type":"audit","requirement":"r"}]}""");

        Assert.Equal(["bad.json: $.duration = '0s': expected a duration above 0", "bad.json: $.events[0] = 'null': expected an object"],
            ex.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_DefaultsOmitted_TakesTheModelsDefaults()
    {
        var scenario = ScenarioReader.Parse("""
            { "$schema": "../schemas/scenario.schema.json", "name": "n", "duration": "5m",
              "events": [ { "at": "1m", "type": "door-open", "room": "al", "duration": "15s" },
                          { "at": "2m", "type": "malformed", "sensor": "crb-pc-a" } ],
              "expect": [ { "type": "rejection", "requirement": "R", "reason": "Empty" } ] }
            """, "ok.json", Oq);

        Assert.Equal((1, 6.0, "truncated", 1), (scenario.Seed, scenario.Events[0].DropPa, scenario.Events[1].PayloadKind, scenario.Events[1].Repeat));
        Assert.Equal(("simulated product", "non-monitoring", 1L), (scenario.Events[0].Product, scenario.Events[0].WindowKind, scenario.Expectations[0].AtLeast));
    }
}
