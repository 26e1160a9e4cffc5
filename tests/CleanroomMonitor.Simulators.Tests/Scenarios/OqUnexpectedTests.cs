using CleanroomMonitor.Simulators.Oq;
using CleanroomMonitor.Simulators.Scenarios;

namespace CleanroomMonitor.Simulators.Tests.Scenarios;

/// <summary>Issue 24: what the installation recorded or refused during an OQ run and no row claims is listed for disposition.</summary>
public sealed class OqUnexpectedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static Scenario Expecting(params string[] reasons) =>
        new("bad-payloads", "", "08.json", null, TimeSpan.FromMinutes(5), 1, [],
            [.. reasons.Select(r => new Expectation(ExpectationType.Rejection, "INGEST: " + r, "expect[0]") { Reason = r, AtLeast = 1 })], null);

    [Fact]
    public void UnexpectedRejections_OnlyReasonsNoRowExpectsThatRoseDuringTheRun()
    {
        var before = new Dictionary<string, long> { ["MalformedPayload"] = 1, ["NotFinite"] = 3 };
        var after = new Dictionary<string, long> { ["MalformedPayload"] = 5, ["NotFinite"] = 3, ["SequenceRegression"] = 2, ["UnknownTopic"] = 4 };

        var unexpected = OqRun.UnexpectedRejections(before, after, [Expecting("MalformedPayload", "NotFinite")]).ToList();

        Assert.Equal(["rejection SequenceRegression", "rejection UnknownTopic"], unexpected.Select(u => u.What));
        Assert.Equal(["2 message(s) refused", "4 message(s) refused"], unexpected.Select(u => u.Detail));
    }

    [Fact]
    public void Report_WithAnUnexpectedExcursion_FailsAndListsItForDisposition()
    {
        var row = new ExpectationResult("data-gap", "RULE-GAP: …", "a data gap", "Alert DataGap on cd-th", true);
        var report = new OqReport("site", "facility.oq.json", "v1", "1.0", null, "max", T0, T0.AddMinutes(8),
            [new ScenarioResult("data-gap", "r1", T0, TimeSpan.FromMinutes(3), 10, [row])])
        {
            Unexpected = [new UnexpectedEvent("Action Particles on fill-pc (ParticlesFiveMicron)", T0.AddMinutes(2), "value ≥ action limit 29", "0193-abc")],
        };

        Assert.False(report.Passed);
        Assert.Contains("1 unexpected event(s)", report.Html(), StringComparison.Ordinal);
        Assert.Contains("<td>Action Particles on fill-pc (ParticlesFiveMicron)</td><td>2026-12-07 08:02:00.000Z</td>", report.Html(), StringComparison.Ordinal);
        var last = report.Csv().TrimEnd().Split('\n')[^1];
        Assert.StartsWith("unexpected: 0193-abc,,,,no row claims it,", last, StringComparison.Ordinal);
        Assert.Contains(",unexpected: disposition required,", last, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NothingUnexpected_SaysSoAndPasses()
    {
        var row = new ExpectationResult("data-gap", "RULE-GAP: …", "a data gap", "Alert DataGap on cd-th", true);
        var report = new OqReport("site", "facility.oq.json", "v1", "1.0", null, "max", T0, T0.AddMinutes(8),
            [new ScenarioResult("data-gap", "r1", T0, TimeSpan.FromMinutes(3), 10, [row])]);

        Assert.True(report.Passed);
        Assert.Contains("None: every excursion the installation recorded during the run", report.Html(), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_Stopped_NeverPassesAndSaysItIsPartial()
    {
        var row = new ExpectationResult("data-gap", "RULE-GAP: …", "a data gap", "Alert DataGap on cd-th", true);
        var report = new OqReport("site", "facility.oq.json", "v1", "1.0", null, "max", T0, T0.AddMinutes(8),
            [new ScenarioResult("data-gap", "r1", T0, TimeSpan.FromMinutes(3), 10, [row])]) { Stopped = true };

        Assert.False(report.Passed);
        Assert.Contains("STOPPED (partial report)", report.Html(), StringComparison.Ordinal);
    }

    private static readonly Core.Facility.FacilityDefinition Oq =
        Core.Facility.FacilityReader.Load(Path.Combine(TestSupport.RepositoryPaths.Root, "deploy", "config", "facility.oq.json"));

    private static ScenarioResult Sent(string sensor, params int[] seconds) =>
        new("any", "r", T0, TimeSpan.Zero, seconds.Length, [])
        {
            SentAt = new Dictionary<Core.Facility.SensorId, List<DateTimeOffset>> { [new(sensor)] = [.. seconds.Select(s => T0.AddSeconds(s))] },
        };

    private static UnexpectedEvent Gap(string sensor, string rule = "no reading for more than 00:00:15") =>
        new($"Alert DataGap on {sensor}", T0, rule, "id") { Sensor = sensor };

    [Fact]
    public void KitWasSilent_NothingSentForTheGapTimeAfterTheLastReading_ExplainsTheGap()
    {
        // cd-th sends every 5 s (gap time 30 s); the kit sent at 0 s and then only at 40 s.
        Assert.True(OqRun.KitWasSilent(Gap("cd-th"), Oq, [Sent("cd-th", 0, 40)]));
    }

    [Theory]
    [InlineData("cd-th", "no reading for more than 00:00:15", 8)]        // the kit sent inside the gap time: not its silence
    [InlineData("cd-th", "sequence gap: 3 sample(s) missing", 40)]       // a gap in the samples, not a silence
    public void KitWasSilent_OtherwiseTheGapStaysUnexpected(string sensor, string rule, int sentAt)
    {
        Assert.False(OqRun.KitWasSilent(Gap(sensor, rule), Oq, [Sent(sensor, 0, sentAt)]));
    }

    [Fact]
    public void KitWasSilent_ModbusSensor_NeverExplainedByTheKitsPublishing()
    {
        var modbus = Oq.Sensors.First(s => s.Topic is null);

        Assert.False(OqRun.KitWasSilent(Gap(modbus.Id.Value), Oq, []));
    }
}
