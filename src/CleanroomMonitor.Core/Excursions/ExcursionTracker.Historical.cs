using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>Historical data (issue 19 item 3, docs/sparkplug.md): values an edge node buffered while it could not deliver
/// and replays later, flagged <see cref="Reading.IsHistorical"/>. They are judged against the limits and room state of their
/// own time by a rule state of their own, so a replay neither returns nor holds open a live excursion, and the live rules
/// never see old values. An excursion found this way is <see cref="Excursion.FromHistoricalData"/>, linked to the batches
/// of its time and <see cref="Excursion.FoundLate"/> when one of them had ended when the replayed reading arrived.</summary>
/// <remarks>A replay stretch of a sensor parameter ends at its first in-limit replayed reading (the excursion returns
/// there), or, when no replayed reading of it arrives for the sensor's <see cref="Sensor.GapAfter"/>, at the tick that
/// notices: its open excursion returns at the time of its last replayed reading (the replay holds no later data; the
/// live readings and the communication-loss or data-gap record of the outage cover what followed), and its counters are
/// dropped, so a later replay starts afresh.</remarks>
public sealed partial class ExcursionTracker
{
    /// <summary>Added to the rule of an excursion's "raised" history entry when it was judged from historical data.</summary>
    internal const string HistoricalOrigin = " (judged from historical data replayed by the source, at its own time)";

    private readonly Dictionary<(SensorId, Parameter), LimitEvaluator> _replayEvaluators = [];
    private readonly Dictionary<(SensorId, Parameter), LimitEvaluator> _replayReversals = [];
    private readonly Dictionary<ExcursionKey, Excursion> _replayActive = [];
    private readonly Dictionary<(SensorId, Parameter), (DateTimeOffset LastAt, DateTimeOffset ArrivedAt)> _replays = [];

    /// <summary>The excursions judged from historical data that are still open (their replay has not ended yet).</summary>
    public IEnumerable<Excursion> ActiveHistorical => _replayActive.Values;

    private TrackerOutcome OnHistoricalReading(Reading reading)
    {
        var outcome = new TrackerOutcome();
        if (!_facility.TryGetSensor(reading.Sensor, out var sensor))
        {
            return outcome;
        }
        // Not a sign of life now: no effect on the live data-gap, sequence and clean-up rules, which are about arrival.
        var stream = (sensor.Id, reading.Parameter);
        var last = _replays.TryGetValue(stream, out var seen) && seen.LastAt > reading.Timestamp ? seen.LastAt : reading.Timestamp;
        _replays[stream] = (last, reading.ReceivedAt);

        var state = _rooms.StateAt(sensor.Room, reading.Timestamp);
        if (state == RoomState.NotMonitored)
        {
            ForgetParticleRules(_replayEvaluators, sensor.Id, reading.Parameter);
            return outcome;
        }
        if (IsOutOfService(sensor.Id, reading.Parameter, reading.Timestamp))
        {
            return outcome;
        }
        var faultKey = new ExcursionKey(ExcursionKind.SensorFault, sensor.Room, sensor.Id, null, Historical: true);
        if (!reading.IsValid)
        {
            if (!_replayActive.ContainsKey(faultKey))
            {
                Raise(outcome, faultKey, TechnicalLevel(sensor), state, DescribeFaults(reading.Faults), reading.Value, null, null, reading.Timestamp,
                    reading.ReceivedAt, _replayActive);
            }
            return outcome;
        }
        Return(outcome, faultKey, reading.Timestamp, "valid replayed samples again", _replayActive);

        if (_limits.Resolve(sensor, reading.Parameter, state) is { } limits)
        {
            Judge(outcome, sensor, reading, limits, KindOf(reading.Parameter), _replayEvaluators, _replayActive);
        }
        if (reading.Parameter == Parameter.DifferentialPressure && _limits.ExpectedSign(sensor) is var sign and not 0)
        {
            Judge(outcome, sensor, reading, ReversalLimits(sensor, reading.Parameter, state, sign), ExcursionKind.PressureReversal, _replayReversals,
                _replayActive);
        }
        return outcome;
    }

    /// <summary>Ends the replay stretches no replayed reading arrived for within their sensor's gap time (see the remarks
    /// of the class): their open excursions return at their last replayed reading.</summary>
    private void EndQuietReplays(TrackerOutcome outcome, DateTimeOffset now)
    {
        foreach (var (stream, (lastAt, arrivedAt)) in _replays.ToList())
        {
            if (!_facility.TryGetSensor(stream.Item1, out var sensor) || now - arrivedAt <= sensor.GapAfter)
            {
                continue;
            }
            _replays.Remove(stream);
            _replayEvaluators.Remove(stream);
            _replayReversals.Remove(stream);
            foreach (var key in _replayActive.Keys.Where(k => k.Sensor == sensor.Id && (k.Parameter == stream.Item2 || k.Parameter is null)).ToList())
            {
                Return(outcome, key, lastAt, "historical data ended here while outside limits; the live readings cover what followed", _replayActive);
            }
        }
    }

    /// <summary>An open excursion judged from historical data, recorded before a restart: its replay resumes at its level
    /// and ends like any other (its counters were not kept; the record is).</summary>
    private void RestoreHistorical(Excursion excursion)
    {
        _replayActive[ExcursionKey.Of(excursion)] = excursion;
        if (excursion.Sensor is not { } id || !_facility.TryGetSensor(id, out var sensor))
        {
            return;
        }
        if (excursion.Parameter is { } parameter)
        {
            var evaluators = excursion.Kind == ExcursionKind.PressureReversal ? _replayReversals : _replayEvaluators;
            Evaluator(evaluators, sensor.Id, parameter).Restore(excursion.Level, excursion.StartedAt);
        }
        foreach (var measured in excursion.Parameter is { } p ? [p] : sensor.Parameters)
        {
            _replays.TryAdd((sensor.Id, measured), (excursion.PeakAt ?? excursion.StartedAt, _startedAt));
        }
    }
}
