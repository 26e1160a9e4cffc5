using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Tests.Excursions;

/// <summary>The one Calibration excursion per instrument: raised at the warning, escalated when overdue, returned by a
/// passing calibration.</summary>
public sealed class ExcursionTrackerCalibrationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly SensorId Pcb = new("pcb");
    private readonly ExcursionTracker _sut = new(TrackerFacility.Create(), T0);

    [Fact]
    public void OnCalibrationState_WarningThenOverdueThenFit_RaisedEscalatedReturned()
    {
        var raised = _sut.OnCalibrationState(Pcb, LimitLevel.Alert, "calibration due in 14 days", -14, T0);
        var repeated = _sut.OnCalibrationState(Pcb, LimitLevel.Alert, "calibration due in 13 days", -13, T0.AddDays(1));
        var escalated = _sut.OnCalibrationState(Pcb, LimitLevel.Action, "calibration overdue", 0, T0.AddDays(14));
        var returned = _sut.OnCalibrationState(Pcb, LimitLevel.Normal, "passing calibration C-2", 0, T0.AddDays(15));

        var first = Assert.Single(raised.Excursions);
        Assert.Equal((ExcursionKind.Calibration, LimitLevel.Alert, ExcursionAction.Raised), (first.After.Kind, first.After.Level, first.Action));
        Assert.Equal(new RoomId("cr1"), first.After.Room);
        Assert.Empty(repeated.Excursions);
        var second = Assert.Single(escalated.Excursions);
        Assert.Equal((LimitLevel.Action, ExcursionAction.Escalated, first.After.Id), (second.After.Level, second.Action, second.After.Id));
        var third = Assert.Single(returned.Excursions);
        Assert.Equal((ExcursionAction.Returned, first.After.Id), (third.Action, third.After.Id));
        Assert.Empty(_sut.Active);
    }

    [Fact]
    public void OnCalibrationState_LowerLevelWhileOverdue_StaysAtAction()
    {
        _sut.OnCalibrationState(Pcb, LimitLevel.Action, "calibration failed", 0, T0);

        var lower = _sut.OnCalibrationState(Pcb, LimitLevel.Alert, "due soon", -3, T0.AddHours(1));

        Assert.Empty(lower.Excursions);
        Assert.Equal(LimitLevel.Action, Assert.Single(_sut.Active).Level);
    }

    [Fact]
    public void OnCalibrationState_UnknownSensor_Nothing()
    {
        Assert.Empty(_sut.OnCalibrationState(new SensorId("nope"), LimitLevel.Action, "overdue", 1, T0).Excursions);
    }
}
