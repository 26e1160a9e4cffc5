using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Tests.Excursions;

public sealed class ExcursionTrackerWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Cr1 = new("cr1");
    private readonly ExcursionTracker _sut = new(TrackerFacility.Create(), T0);
    private readonly List<RoomStateChange> _recorded = [];

    private RoomWindow Declare(RoomWindowKind kind, TimeSpan from, TimeSpan to)
    {
        var window = new RoomWindow(Guid.NewGuid(), Cr1, kind, T0 + from, T0 + to, "AAV vector handling", "op");
        _sut.DeclareWindow(window, T0);
        return window;
    }

    /// <summary>A new tracker as the engine builds it at a restart at <paramref name="now"/>: room states from the
    /// record, then the recorded windows.</summary>
    private (ExcursionTracker Tracker, TrackerOutcome Restored) Restart(DateTimeOffset now, params RoomWindow[] windows)
    {
        var restarted = new ExcursionTracker(TrackerFacility.Create(), now);
        restarted.Restore([], _recorded, []);
        return (restarted, restarted.RestoreWindows(windows, now));
    }

    private RoomWindow DeclareRecorded(RoomWindowKind kind, TimeSpan to)
    {
        var window = new RoomWindow(Guid.NewGuid(), Cr1, kind, T0, T0 + to, "media fill", "op");
        _recorded.AddRange(_sut.DeclareWindow(window, T0).RoomStates);
        return window;
    }

    // 5 counts in 28.3 L = 177/m³: above the grade B at-rest action limit (29), below the in-operation one (2 930).
    private static Reading Particles(TimeSpan at) =>
        new(new SensorId("pcb"), Cr1, Parameter.ParticlesFiveMicron, 5 * 1000 / 28.3, T0 + at, TimeSource.Device, T0 + at, Count: 5, VolumeLitres: 28.3);

    private static Reading Temperature(double value, TimeSpan at) =>
        new(new SensorId("th"), Cr1, Parameter.Temperature, value, T0 + at, TimeSource.Device, T0 + at);

    [Fact]
    public void RestoreWindows_OpenOperationWindow_RoomStaysInOperationWithItsLimits()
    {
        var window = DeclareRecorded(RoomWindowKind.Operation, TimeSpan.FromHours(2));
        var (sut, restored) = Restart(T0.AddMinutes(30), window);

        var tick = sut.OnTick(T0.AddMinutes(30).AddSeconds(1));

        Assert.True(restored.IsEmpty);
        Assert.Empty(tick.RoomStates);
        Assert.Equal(RoomState.InOperation, sut.Rooms.Current(Cr1));
        Assert.Empty(sut.OnReading(Particles(TimeSpan.FromMinutes(31))).Excursions);
        Assert.Equal(window, Assert.Single(sut.Windows));
    }

    [Fact]
    public void RestoreWindows_OperationWindowEndingAfterTheRestart_TickRecordsItsEnd()
    {
        var window = DeclareRecorded(RoomWindowKind.Operation, TimeSpan.FromHours(1));
        var (sut, _) = Restart(T0.AddMinutes(30), window);

        Assert.Empty(sut.OnTick(T0.AddMinutes(59)).RoomStates);
        var end = Assert.Single(sut.OnTick(T0.AddMinutes(60)).RoomStates);

        Assert.Equal((RoomState.CleanUp, T0.AddMinutes(60)), (end.State, end.At));
    }

    [Fact]
    public void RestoreWindows_OperationWindowEndedWhileDown_EndsItStampedWithItsEnd()
    {
        var window = DeclareRecorded(RoomWindowKind.Operation, TimeSpan.FromHours(1));

        var (sut, restored) = Restart(T0.AddMinutes(70), window);

        var end = Assert.Single(restored.RoomStates);
        Assert.Equal((RoomState.CleanUp, T0.AddHours(1)), (end.State, end.At));
        Assert.Contains("while the service was down", end.Reason, StringComparison.Ordinal);
        Assert.Equal(RoomState.CleanUp, sut.Rooms.StateAt(Cr1, T0.AddMinutes(65)));
        Assert.Empty(sut.OnTick(T0.AddMinutes(70)).RoomStates);
    }

    [Fact]
    public void RestoreWindows_NonMonitoringWindowEndedWhileDown_LateReadingFromAfterItsEndIsJudged()
    {
        var window = DeclareRecorded(RoomWindowKind.NonMonitoring, TimeSpan.FromHours(1));
        var (sut, restored) = Restart(T0.AddMinutes(90), window);

        var late = sut.OnReading(Temperature(30, TimeSpan.FromMinutes(75)));

        Assert.Equal((RoomState.AtRest, T0.AddHours(1)), (Assert.Single(restored.RoomStates).State, restored.RoomStates[0].At));
        Assert.Equal(T0.AddMinutes(75), Assert.Single(late.Excursions).After.StartedAt);
    }

    [Fact]
    public void RestoreWindows_OpenNonMonitoringWindow_ReadingsStayUnjudged()
    {
        var window = DeclareRecorded(RoomWindowKind.NonMonitoring, TimeSpan.FromHours(2));
        var (sut, _) = Restart(T0.AddMinutes(30), window);

        var tick = sut.OnTick(T0.AddMinutes(30).AddSeconds(1));

        Assert.Empty(tick.RoomStates);
        Assert.Empty(sut.OnReading(Temperature(30, TimeSpan.FromMinutes(31))).Excursions);
        Assert.Equal(RoomState.NotMonitored, sut.Rooms.Current(Cr1));
    }

    [Fact]
    public void RestoreWindows_WindowEndedEarlyBeforeTheRestart_ListedAndChangesNothing()
    {
        var window = DeclareRecorded(RoomWindowKind.Operation, TimeSpan.FromHours(2));
        var (ended, outcome) = _sut.EndWindow(window.Id, T0.AddMinutes(10));
        _recorded.AddRange(outcome.RoomStates);

        var (sut, restored) = Restart(T0.AddMinutes(15), ended!);

        Assert.True(restored.IsEmpty);
        Assert.Empty(sut.OnTick(T0.AddMinutes(15).AddSeconds(1)).RoomStates);
        Assert.Equal(RoomState.CleanUp, sut.Rooms.Current(Cr1));
        Assert.Equal(ended, Assert.Single(sut.Windows));
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
