using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Tests.Excursions;
using static CleanroomMonitor.Core.Tests.LimitChanges.LimitChangeFixture;

namespace CleanroomMonitor.Core.Tests.LimitChanges;

public sealed class LimitChangeApplyTests
{
    private readonly FacilityDefinition _facility = TrackerFacility.Create();

    private static Sensor Sensor(FacilityDefinition facility, string id) => facility.Sensors.Single(s => s.Id.Value == id);

    [Fact]
    public void Apply_RoomChange_NewLimitsInTheResultAndTheBaselineUntouched()
    {
        var changed = Change().Apply(_facility);

        var now = new LimitBook(changed).Resolve(Sensor(changed, "th"), Parameter.Temperature, RoomState.AtRest)!;
        Assert.Equal(new Band(19, 22), now.Alert);
        Assert.Equal(new Band(18, 23), now.Action);
        Assert.Equal(new Band(19, 23), new LimitBook(_facility).Resolve(Sensor(_facility, "th"), Parameter.Temperature, RoomState.AtRest)!.Alert);
        Assert.Equal(_facility.Version, changed.Version);
    }

    [Fact]
    public void Apply_SensorChange_OnlyThatSensorsLevelChanges()
    {
        var changed = Change(LimitSpec.Empty with { Action = new Band(null, -70) }, sensor: "frz", room: "cd").Apply(_facility);

        Assert.Equal(-70, new LimitBook(changed).Resolve(Sensor(changed, "frz"), Parameter.Temperature, RoomState.AtRest)!.Action.High);
        Assert.Same(_facility.Rooms.Single(r => r.Id.Value == "cd"), changed.Rooms.Single(r => r.Id.Value == "cd"));
    }

    [Fact]
    public void Apply_EmptySpec_RemovesTheLevelSoTheLayersBelowApply()
    {
        var changed = Change(LimitSpec.Empty, room: "al1", parameter: Parameter.DifferentialPressure).Apply(_facility);

        var set = new LimitBook(changed).Resolve(Sensor(changed, "aldp"), Parameter.DifferentialPressure, RoomState.AtRest)!;
        Assert.Equal(Band.None, set.Alert);
        Assert.Equal(10, set.Action.Low);   // Annex 1 4.14 default stays
        Assert.Equal(TimeSpan.Zero, set.Delay);
    }

    [Fact]
    public void Apply_SensorNotInTheFacility_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Change(sensor: "nope").Apply(_facility));

    [Fact]
    public void Before_TheLevelsSpecBeforeTheChange()
    {
        Assert.Equal(new Band(19, 23), Change().Before(_facility).Alert);
        Assert.Equal(LimitSpec.Empty, Change(sensor: "th").Before(_facility));
    }

    [Fact]
    public void Describe_JustificationChanged_NewVersion()
    {
        var set = new LimitBook(_facility).Resolve(Sensor(_facility, "aldp"), Parameter.DifferentialPressure, RoomState.AtRest)!;
        var rejustified = set with { Justification = "door openings under 30 s, per CCS rev. 4" };

        Assert.NotEqual(set.Version, rejustified.Version);
        Assert.Contains("justification \"door openings under 30 s\"", set.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("justification", (set with { Justification = null }).Describe(), StringComparison.Ordinal);
    }
}
