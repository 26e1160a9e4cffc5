using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Tests.Batches;

public sealed class RoomStatePeriodTests
{
    private static readonly RoomId Room = new("cr1");
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    private static RoomStateChange Change(RoomState state, int minutes, string room = "cr1") =>
        new(new RoomId(room), state, T0.AddMinutes(minutes), "test", "system");

    [Fact]
    public void Over_NoChangeEver_OnePeriodAtRest()
    {
        var periods = RoomStatePeriod.Over(Room, [], T0, T0.AddHours(1));

        Assert.Equal([new RoomStatePeriod(RoomState.AtRest, T0, T0.AddHours(1))], periods);
    }

    [Fact]
    public void Over_ChangeBeforeTheWindow_StartsInThatState()
    {
        var periods = RoomStatePeriod.Over(Room, [Change(RoomState.InOperation, -30)], T0, T0.AddHours(1));

        Assert.Equal([new RoomStatePeriod(RoomState.InOperation, T0, T0.AddHours(1))], periods);
    }

    [Fact]
    public void Over_ChangesInsideTheWindow_OnePeriodPerState()
    {
        var changes = new[] { Change(RoomState.InOperation, 40), Change(RoomState.CleanUp, 70), Change(RoomState.InOperation, 45, "al1") };

        var periods = RoomStatePeriod.Over(Room, changes, T0, T0.AddHours(2));

        Assert.Equal(
        [
            new RoomStatePeriod(RoomState.AtRest, T0, T0.AddMinutes(40)),
            new RoomStatePeriod(RoomState.InOperation, T0.AddMinutes(40), T0.AddMinutes(70)),
            new RoomStatePeriod(RoomState.CleanUp, T0.AddMinutes(70), T0.AddHours(2)),
        ], periods);
    }

    [Fact]
    public void Over_ChangeToTheSameState_DoesNotSplit()
    {
        var changes = new[] { Change(RoomState.InOperation, -10), Change(RoomState.InOperation, 20) };

        var periods = RoomStatePeriod.Over(Room, changes, T0, T0.AddHours(1));

        Assert.Single(periods);
    }
}
