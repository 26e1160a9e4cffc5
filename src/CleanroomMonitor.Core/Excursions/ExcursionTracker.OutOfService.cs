using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>ISA-18.2 "out of service": a sensor, or one parameter of it, removed from monitoring for maintenance or
/// calibration. Its readings are not judged, its silence is not a data gap, and it comes back explicitly or at the
/// expected end (docs/excursions.md).</summary>
public sealed partial class ExcursionTracker
{
    /// <summary>Every period known, by sensor: a sensor has a handful a year, so the per-reading check stays a lookup.</summary>
    private readonly Dictionary<SensorId, List<OutOfServicePeriod>> _outOfService = [];

    /// <summary>Every out-of-service period known to the engine (open ones and those returned), oldest first.</summary>
    public IReadOnlyList<OutOfServicePeriod> OutOfService => _outOfService.Values.SelectMany(p => p).OrderBy(p => p.From).ToList();

    /// <summary>Restores the recorded periods after a restart. One whose expected end passed while the service was down
    /// is returned on the first tick, stamped with its expected end.</summary>
    public void RestoreOutOfService(IEnumerable<OutOfServicePeriod> periods)
    {
        foreach (var period in periods)
        {
            PeriodsOf(period.Sensor).Add(period);
        }
    }

    /// <summary>Whether <paramref name="sensor"/> is out of service at <paramref name="at"/>: as a whole when
    /// <paramref name="parameter"/> is null, otherwise as a whole or for that parameter.</summary>
    public bool IsOutOfService(SensorId sensor, Parameter? parameter, DateTimeOffset at)
    {
        if (!_outOfService.TryGetValue(sensor, out var periods))
        {
            return false;
        }
        foreach (var period in periods)
        {
            if (period.Covers(sensor, parameter, at))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Takes a sensor (or one parameter) out of service from <paramref name="now"/>. Its active excursions
    /// return now, with the reason on record, because nothing judges them any more; they still need review. Its rule
    /// state starts afresh on return: counts from before the maintenance say nothing about the instrument after it.</summary>
    public (OutOfServicePeriod? Period, OutOfServiceProblem? Problem, TrackerOutcome Outcome) TakeOutOfService(SensorId sensorId, Parameter? parameter,
        DateTimeOffset expectedEnd, string reason, string by, DateTimeOffset now)
    {
        var outcome = new TrackerOutcome();
        if (!_facility.TryGetSensor(sensorId, out var sensor))
        {
            return (null, new OutOfServiceProblem($"unknown sensor '{sensorId}'"), outcome);
        }
        if (parameter is { } p && !sensor.Measures(p))
        {
            return (null, new OutOfServiceProblem($"sensor '{sensorId}' does not measure {p.WireName()}"), outcome);
        }
        if (expectedEnd <= now)
        {
            return (null, new OutOfServiceProblem("the expected end must be in the future"), outcome);
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            return (null, new OutOfServiceProblem("a reason is required"), outcome);
        }
        if (PeriodsOf(sensorId).Any(o => o.IsOpen && (o.Parameter is null || parameter is null || o.Parameter == parameter)))
        {
            return (null, new OutOfServiceProblem($"sensor '{sensorId}' is out of service already", IsConflict: true), outcome);
        }
        var period = new OutOfServicePeriod(Guid.CreateVersion7(now), sensor.Id, sensor.Room, parameter, now, expectedEnd, reason.Trim(), by);
        PeriodsOf(sensorId).Add(period);
        outcome.OutOfService.Add(new OutOfServiceChange(null, period, OutOfServiceAction.TakenOut, by, period.Reason));
        foreach (var key in _active.Keys.Where(k => k.Sensor == sensor.Id && (parameter is null || k.Parameter == parameter)).ToList())
        {
            Return(outcome, key, now, $"taken out of service by {by}: {period.Reason}");
        }
        ForgetRuleState(sensor, parameter);
        return (period, null, outcome);
    }

    /// <summary>Returns a sensor to service at <paramref name="now"/>; null when no open period has <paramref name="id"/>.</summary>
    public (OutOfServicePeriod? Period, TrackerOutcome Outcome) ReturnToService(Guid id, string by, string reason, DateTimeOffset now)
    {
        var outcome = new TrackerOutcome();
        var open = _outOfService.Values.SelectMany(p => p).FirstOrDefault(p => p.Id == id && p.IsOpen);
        return open is null ? (null, outcome) : (Return(outcome, open, now < open.From ? open.From : now, by, reason), outcome);
    }

    /// <summary>The automatic return at the expected end, recorded as such (by "system", at the expected end).</summary>
    private void ReturnExpiredOutOfService(TrackerOutcome outcome, DateTimeOffset now)
    {
        if (_outOfService.Count == 0)
        {
            return;
        }
        foreach (var expired in _outOfService.Values.SelectMany(p => p).Where(p => p.IsOpen && p.ExpectedEnd <= now).ToList())
        {
            Return(outcome, expired, expired.ExpectedEnd, "system", "expected end reached: returned to service automatically");
        }
    }

    private OutOfServicePeriod Return(TrackerOutcome outcome, OutOfServicePeriod open, DateTimeOffset at, string by, string reason)
    {
        var returned = open with { ReturnedAt = at, ReturnedBy = by, ReturnReason = reason };
        var periods = PeriodsOf(open.Sensor);
        periods[periods.IndexOf(open)] = returned;
        outcome.OutOfService.Add(new OutOfServiceChange(open, returned, OutOfServiceAction.Returned, by, reason));
        if (open.Parameter is null && (!_lastSeen.TryGetValue(open.Sensor, out var last) || last < at))
        {
            // The gap clock restarts at the return: the silence of the maintenance is on record as the period itself.
            _lastSeen[open.Sensor] = at;
        }
        if (_facility.TryGetSensor(open.Sensor, out var sensor))
        {
            ForgetRuleState(sensor, open.Parameter);
        }
        return returned;
    }

    private void ForgetRuleState(Sensor sensor, Parameter? parameter)
    {
        foreach (var p in sensor.Parameters.Where(p => parameter is null || p == parameter))
        {
            _evaluators.Remove((sensor.Id, p));
            _reversals.Remove((sensor.Id, p));
        }
    }

    /// <summary>Keeps the sequence count current while the sensor is not judged, so the first sample after its return
    /// is compared with the last one stored, not with one from before the maintenance.</summary>
    private void NoteSequence(Sensor sensor, Reading reading)
    {
        if (reading.Sequence is { } sequence)
        {
            _lastSequence[sensor.Id] = (sequence, reading.Timestamp);
        }
    }

    private List<OutOfServicePeriod> PeriodsOf(SensorId sensor)
    {
        if (!_outOfService.TryGetValue(sensor, out var periods))
        {
            _outOfService[sensor] = periods = [];
        }
        return periods;
    }
}
