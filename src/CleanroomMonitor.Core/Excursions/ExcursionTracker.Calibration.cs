using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Excursions;

public sealed partial class ExcursionTracker
{
    /// <summary>An instrument's calibration state as the register judges it now (docs/instruments.md "Calibration
    /// register"): <paramref name="level"/> Alert while its due date is near, Action once overdue or failed, Normal when
    /// fit again. One <see cref="ExcursionKind.Calibration"/> excursion per instrument carries it: raised at the first
    /// warning, escalated when the due date passes, returned by a passing calibration. A level lower than the one raised
    /// (an interval lengthened while overdue) leaves it as it is: only a fit calibration ends it.</summary>
    /// <param name="daysPastDue">Days past the due date (negative before it), the excursion's value.</param>
    public TrackerOutcome OnCalibrationState(SensorId sensorId, LimitLevel level, string detail, double daysPastDue, DateTimeOffset at)
    {
        var outcome = new TrackerOutcome();
        if (!_facility.TryGetSensor(sensorId, out var sensor))
        {
            return outcome;
        }
        var key = new ExcursionKey(ExcursionKind.Calibration, sensor.Room, sensor.Id, null);
        if (level == LimitLevel.Normal)
        {
            Return(outcome, key, at, detail);
        }
        else if (!_active.TryGetValue(key, out var open))
        {
            Raise(outcome, key, level, _rooms.StateAt(sensor.Room, at), detail, daysPastDue, 0, null, at);
        }
        else if (level > open.Level)
        {
            var escalated = ExcursionLifecycle.Escalate(open, level, detail, daysPastDue, 0, at);
            _active[key] = escalated;
            outcome.Excursions.Add(new ExcursionChange(open, escalated, ExcursionAction.Escalated));
        }
        return outcome;
    }
}
