using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Replay;
using CleanroomMonitor.Core.Tests.Excursions;

namespace CleanroomMonitor.Core.Tests.Replay;

public sealed class ProposedLimitsTests
{
    private static readonly FacilityDefinition Facility = TrackerFacility.Create();

    [Fact]
    public void Read_RoomAndSensorChanges_MergedOverTheirOwnLimits()
    {
        var proposal = ProposedLimits.Read("""
            { "rooms": { "cr1": { "temperature": { "alert": { "high": 22.5 } } } },
              "sensors": { "pcb": { "particles_0_5um": { "alert": 2000, "inOperation": { "alert": 200000 } } } } }
            """, Facility, "request body");

        var proposed = proposal.Apply(Facility);

        var room = proposed.Room(new RoomId("cr1"));
        // Only the upper alert level changed: the lower one and the action band stay as the facility file has them.
        Assert.Equal(new Band(19, 22.5), room.Limits[Parameter.Temperature].Alert);
        Assert.Equal(new Band(18, 25), room.Limits[Parameter.Temperature].Action);
        Assert.True(proposed.TryGetSensor(new SensorId("pcb"), out var pcb));
        Assert.Equal(2000, pcb.Limits[Parameter.ParticlesHalfMicron].Alert.High);
        Assert.Equal(200000, pcb.Limits[Parameter.ParticlesHalfMicron].InOperation!.Alert.High);
        Assert.NotEqual(Facility.Version, proposed.Version);
        Assert.Equal(Facility.Sensors.Count, proposed.Sensors.Count);
    }

    [Fact]
    public void Read_BadProposal_EveryProblemWithItsPath()
    {
        var ex = Assert.Throws<ConfigurationException>(() => ProposedLimits.Read("""
            { "rooms": { "nowhere": { "temperature": { "alert": 1 } },
                         "cr1": { "temperature": { "alert": { "high": 26 }, "delay": "60s" } } },
              "sensors": { "th": { "differential_pressure": { "alert": 1 } } } }
            """, Facility, "request body", "$.proposed"));

        Assert.Contains(ex.Errors, e => e is { Path: "$.proposed.rooms.nowhere", Value: "nowhere" });
        Assert.Contains(ex.Errors, e => e is { Path: "$.proposed.rooms.cr1.temperature.alert.high", Value: "26" });
        Assert.Contains(ex.Errors, e => e.Path == "$.proposed.rooms.cr1.temperature.justification");
        Assert.Contains(ex.Errors, e => e.Path == "$.proposed.sensors.th.differential_pressure");
        Assert.All(ex.Errors, e => Assert.Equal("request body", e.File));
    }

    [Theory]
    [InlineData("""{ "rooms": { "cr1": { "temperature": { "alret": 1 } } } }""")]
    [InlineData("""{ "rooms": {} }""")]
    [InlineData("""[1]""")]
    public void Read_MisspeltEmptyOrNotAnObject_Refused(string json)
    {
        var ex = Assert.Throws<ConfigurationException>(() => ProposedLimits.Read(json, Facility, "request body", "$.proposed"));

        Assert.All(ex.Errors, e => Assert.StartsWith("$.proposed", e.Path, StringComparison.Ordinal));
        Assert.NotEmpty(ex.Errors);
    }
}
