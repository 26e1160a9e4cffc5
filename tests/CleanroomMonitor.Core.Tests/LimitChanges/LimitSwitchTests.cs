using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Tests.Excursions;
using static CleanroomMonitor.Core.Tests.LimitChanges.LimitChangeFixture;

namespace CleanroomMonitor.Core.Tests.LimitChanges;

/// <summary>The tracker takes new limits without a restart (<see cref="ExcursionTracker.ChangeLimits"/>).</summary>
public sealed class LimitSwitchTests
{
    private readonly FacilityDefinition _facility = TrackerFacility.Create();
    private readonly ExcursionTracker _sut;

    public LimitSwitchTests() => _sut = new ExcursionTracker(_facility, T0);

    private static Reading Temperature(double value, TimeSpan at) =>
        new(new SensorId("th"), Cr1, Parameter.Temperature, value, T0 + at, TimeSource.Device, T0 + at);

    private static string VersionUnder(FacilityDefinition facility) =>
        new LimitBook(facility).Resolve(facility.Sensors.Single(s => s.Id.Value == "th"), Parameter.Temperature, RoomState.AtRest)!.Version;

    [Fact]
    public void ChangeLimits_ValueBreachingOnlyTheNewLimit_NoExcursionBeforeOneAfterUnderTheNewVersion()
    {
        var proposed = Change().Apply(_facility);

        Assert.Empty(_sut.OnReading(Temperature(22.5, TimeSpan.FromMinutes(1))).Excursions);
        _sut.ChangeLimits(proposed);
        var raised = Assert.Single(_sut.OnReading(Temperature(22.5, TimeSpan.FromMinutes(2))).Excursions).After;

        Assert.Equal(LimitLevel.Alert, raised.Level);
        Assert.Equal(VersionUnder(proposed), raised.LimitsVersion);
        Assert.NotEqual(VersionUnder(_facility), raised.LimitsVersion);
        Assert.Equal(new Band(19, 22), _sut.View().Limits.Resolve(proposed.Sensors.Single(s => s.Id.Value == "th"), Parameter.Temperature, RoomState.AtRest)!.Alert);
    }

    [Fact]
    public void ChangeLimits_ExcursionInProgress_KeepsTheVersionItWasRaisedUnder()
    {
        var raised = Assert.Single(_sut.OnReading(Temperature(23.5, TimeSpan.FromMinutes(1))).Excursions).After;

        _sut.ChangeLimits(Change(LimitSpec.Empty with { Alert = new Band(19, 23.2), Action = new Band(18, 25) }).Apply(_facility));
        _sut.OnReading(Temperature(23.6, TimeSpan.FromMinutes(2)));

        var open = Assert.Single(_sut.Active, e => e.Sensor == new SensorId("th"));
        Assert.Equal(raised.Id, open.Id);
        Assert.Equal(VersionUnder(_facility), open.LimitsVersion);
    }

    [Fact]
    public void ChangeLimits_AnotherFacilityFile_Refused()
    {
        var other = FacilityReader.Parse(TrackerFacility.Json.Replace("\"Suite\"", "\"Suite 2\"", StringComparison.Ordinal), "other.json");

        Assert.Throws<ArgumentException>(() => _sut.ChangeLimits(other));
    }
}
