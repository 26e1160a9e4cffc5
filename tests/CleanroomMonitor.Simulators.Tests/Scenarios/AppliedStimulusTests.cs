using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Simulators.Tests.Scenarios;

public sealed class AppliedStimulusTests
{
    private static readonly DateTimeOffset Wall = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Folder = Path.Combine(RepositoryPaths.Root, ScenarioLibrary.DefaultFolder);
    private static readonly FacilityDefinition Oq = FacilityReader.Load(Path.Combine(RepositoryPaths.Root, "deploy", "config", "facility.oq.json"));

    [Fact]
    public void Describe_RowOnTheIncubator_NamesItsDoorOpenAtTheDeviceTimePlayedAndNotTheFreezersDefrost()
    {
        var scenario = ScenarioReader.Load(Path.Combine(Folder, "01-incubator-freezer.json"), Oq);
        var clock = new ScenarioClock(scenario.Duration, 60, [], Wall);
        var co2 = scenario.Expectations.Single(e => e.Requirement.StartsWith("EQ-CO2", StringComparison.Ordinal));

        var stimulus = AppliedStimulus.Describe(co2, scenario, clock, Oq);

        var doorAt = clock.Stamp(TimeSpan.FromMinutes(8)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith($"door-open store-inc1 CO2 −1.5 %, temperature −0.8 °C at {doorAt} (scenario 00:08:00) for 00:02:00; over natural signals", stimulus, StringComparison.Ordinal);
        Assert.DoesNotContain("defrost", stimulus, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_RowOnARoom_NamesEveryEventOnItsSensors()
    {
        var scenario = ScenarioReader.Load(Path.Combine(Folder, "01-incubator-freezer.json"), Oq);
        var clock = new ScenarioClock(scenario.Duration, 60, [], Wall);
        var roomRow = scenario.Expectations[0] with { Sensor = null, Room = "store" };

        var stimulus = AppliedStimulus.Describe(roomRow, scenario, clock, Oq);

        Assert.Contains("defrost store-frz1 +7 °C at ", stimulus, StringComparison.Ordinal);
        Assert.Contains("door-open store-inc1", stimulus, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_RowNoEventActsOn_NaturalSignalsWithTheRunsDeviceTimes()
    {
        var scenario = ScenarioReader.Load(Path.Combine(Folder, "01-incubator-freezer.json"), Oq);
        var clock = new ScenarioClock(scenario.Duration, 60, [], Wall);
        var elsewhere = scenario.Expectations[0] with { Sensor = null, Room = Oq.Rooms.First(r => r.Id.Value != "store").Id.Value };

        var stimulus = AppliedStimulus.Describe(elsewhere, scenario, clock, Oq);

        Assert.Equal($"natural signals of every simulated sensor, device time {clock.Stamp(TimeSpan.Zero):yyyy-MM-dd'T'HH:mm:ss.fff'Z'} to {clock.Stamp(scenario.Duration):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}", stimulus);
    }
}
