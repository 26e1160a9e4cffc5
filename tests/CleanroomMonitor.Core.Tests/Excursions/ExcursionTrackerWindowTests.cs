using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Tests.Excursions;

public sealed class ExcursionTrackerWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Cr1 = new("cr1");
    private readonly ExcursionTracker _sut = new(TrackerFacility.Create(), T0);

    private RoomWindow Declare(RoomWindowKind kind, TimeSpan from, TimeSpan to)
    {
        var window = new RoomWindow(Guid.NewGuid(), Cr1, kind, T0 + from, T0 + to, "AAV vector handling", "op");
        _sut.DeclareWindow(window, T0);
        return window;
    }

    [Fact]
    public void EndWindow_OpenNonMonitoringWindow_ShortensItAndMonitoringResumes()
    {
        var window = Declare(RoomWindowKind.NonMonitoring, TimeSpan.Zero, TimeSpan.FromHours(2));

        var (ended, outcome) = _sut.EndWindow(window.Id, T0.AddMinutes(30));

        Assert.Equal(T0.AddMinutes(30), ended!.To);
        Assert.Equal(RoomState.AtRest, Assert.Single(outcome.RoomStates).State);
        Assert.Equal(ended, Assert.Single(_sut.Windows));
    }

    [Fact]
    public void EndWindow_OperationWindow_RoomGoesToCleanUp()
    {
        var window = Declare(RoomWindowKind.Operation, TimeSpan.Zero, TimeSpan.FromHours(2));

        var (_, outcome) = _sut.EndWindow(window.Id, T0.AddMinutes(10));

        Assert.Equal(RoomState.CleanUp, Assert.Single(outcome.RoomStates).State);
    }

    [Fact]
    public void EndWindow_PlannedWindow_EndsBeforeItBegins()
    {
        var window = Declare(RoomWindowKind.NonMonitoring, TimeSpan.FromHours(1), TimeSpan.FromHours(2));

        var (ended, outcome) = _sut.EndWindow(window.Id, T0.AddMinutes(5));

        Assert.Equal(ended!.From, ended.To);
        Assert.Empty(outcome.RoomStates);
        Assert.False(ended.Covers(T0.AddHours(1)));
    }

    [Fact]
    public void EndWindow_AlreadyEndedOrUnknown_ReturnsNull()
    {
        var window = Declare(RoomWindowKind.NonMonitoring, TimeSpan.Zero, TimeSpan.FromHours(1));
        _sut.EndWindow(window.Id, T0.AddMinutes(5));

        Assert.Null(_sut.EndWindow(window.Id, T0.AddMinutes(6)).Window);
        Assert.Null(_sut.EndWindow(Guid.NewGuid(), T0.AddMinutes(6)).Window);
    }
}
