using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Tests.Excursions;

namespace CleanroomMonitor.Core.Tests.Limits;

public sealed class LimitPeriodTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly FacilityDefinition _facility = TrackerFacility.Create();
    private readonly LimitBook _book;

    public LimitPeriodTests() => _book = new LimitBook(_facility);

    private Sensor Sensor(string id) => _facility.Sensors.Single(s => s.Id.Value == id);

    // The GMP issue: Suite 1's hours at rest before its batch were drawn against the in-operation limits of "now".
    [Fact]
    public void Over_AtRestThenBatchStarts_AtRestLimitsThenInOperationLimits()
    {
        var started = new RoomStateChange(new RoomId("cr1"), RoomState.InOperation, T0.AddHours(3), "batch B-1 started", "system");
        var periods = RoomStatePeriod.Over(new RoomId("cr1"), [started], T0, T0.AddHours(4));

        var limits = LimitPeriod.Over(_book, Sensor("pcb"), Parameter.ParticlesHalfMicron, periods);

        Assert.Equal(2, limits.Count);
        Assert.Equal((RoomState.AtRest, T0, T0.AddHours(3), 3_520d), (limits[0].State, limits[0].From, limits[0].To, limits[0].Limits!.Action.High));
        Assert.Equal((RoomState.InOperation, T0.AddHours(3), T0.AddHours(4), 352_000d),
            (limits[1].State, limits[1].From, limits[1].To, limits[1].Limits!.Action.High));
    }

    [Fact]
    public void Over_NotMonitoredWindow_NoLimitsInForce()
    {
        var periods = new[] { new RoomStatePeriod(RoomState.NotMonitored, T0, T0.AddHours(1)) };

        var limits = LimitPeriod.Over(_book, Sensor("pcb"), Parameter.ParticlesHalfMicron, periods);

        Assert.Null(Assert.Single(limits).Limits);
    }
}
