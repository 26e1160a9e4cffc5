using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>The excursion engine's logic, pure and single-threaded: readings, source events, batches, windows and
/// clock ticks go in; excursion and room-state changes come out. The host records them before it tells anyone.
/// Every time it needs comes with its input, so every rule runs the same under a test's clock.</summary>
public sealed partial class ExcursionTracker
{
    private FacilityDefinition _facility;
    private LimitBook _limits;
    private readonly BatchBook _batches;
    private readonly RoomStateTimeline _rooms = new();
    private readonly List<RoomWindow> _windows = [];
    private readonly Dictionary<(SensorId, Parameter), LimitEvaluator> _evaluators = [];
    private readonly Dictionary<(SensorId, Parameter), LimitEvaluator> _reversals = [];
    private readonly Dictionary<ExcursionKey, Excursion> _active = [];
    private readonly Dictionary<SensorId, DateTimeOffset> _lastSeen = [];
    private readonly Dictionary<SensorId, (long Sequence, DateTimeOffset At)> _lastSequence = [];
    private readonly Dictionary<SensorId, (long Sequence, DateTimeOffset At)> _firstUnseeded = [];
    private bool _seeded;
    private readonly Dictionary<(RoomId, SensorId, Parameter), double> _cleanUpReadings = [];
    private readonly DateTimeOffset _startedAt;

    public ExcursionTracker(FacilityDefinition facility, DateTimeOffset startedAt)
    {
        _facility = facility;
        _limits = new LimitBook(facility);
        _batches = new BatchBook(facility);
        _startedAt = startedAt;
    }

    public BatchBook Batches => _batches;

    public RoomStateTimeline Rooms => _rooms;

    public IReadOnlyList<RoomWindow> Windows => _windows;

    public IEnumerable<Excursion> Active => _active.Values;

    public LimitBook Limits => _limits;

    /// <summary>Puts the limits of <paramref name="facility"/> (the same rooms and sensors, other limits: an approved limit
    /// change taking effect) in force from now on, without a restart. Rule state stays: an excursion in progress keeps
    /// the limit set and version it was raised under and returns by the new set's bands; counters of a breach in
    /// progress (delay, K, N of M, cumulative volume) go on counting, and each new reading is judged under the new set.</summary>
    /// <exception cref="ArgumentException">The facility is another file's (its version differs): that needs a restart.</exception>
    public void ChangeLimits(FacilityDefinition facility)
    {
        ArgumentNullException.ThrowIfNull(facility);
        if (facility.Version != _facility.Version)
        {
            throw new ArgumentException($"facility version {facility.Version} is not {_facility.Version}: only limits change without a restart", nameof(facility));
        }
        _facility = facility;
        _limits = new LimitBook(facility);
    }

    /// <summary>Restores what was recorded before a restart: batches, room states, and open excursions (whose rule
    /// state resumes at their level, so a continuing breach raises no duplicate and a return closes the original).
    /// Rule counters loaded before by <see cref="RestoreRuleState"/> are kept; their reported levels follow the records.</summary>
    public void Restore(IEnumerable<Batch> batches, IEnumerable<RoomStateChange> roomStates, IEnumerable<Excursion> open)
    {
        _batches.Load(batches);
        _rooms.Load(roomStates);
        foreach (var excursion in open.Where(e => e.IsActive))
        {
            if (excursion.FromHistoricalData)
            {
                RestoreHistorical(excursion);
                continue;
            }
            _active[ExcursionKey.Of(excursion)] = excursion;
            if (excursion.Sensor is { } sensor && excursion.Parameter is { } parameter)
            {
                var evaluators = excursion.Kind == ExcursionKind.PressureReversal ? _reversals : _evaluators;
                Evaluator(evaluators, sensor, parameter).Restore(excursion.Level, excursion.StartedAt);
            }
        }
        ReconcileReported();
    }

    /// <summary>The last sequence numbers stored before a restart, so a gap across the restart (samples the broker had
    /// delivered but the service had not yet made durable when it died) is found like any other. They come from
    /// InfluxDB, which may be slow or down, so judging does not wait for them: a sensor whose first reading of this run
    /// came before its seed is checked against the seed now, and the gap is raised at its own time.</summary>
    public TrackerOutcome SeedSequences(IEnumerable<(SensorId Sensor, long Sequence, DateTimeOffset At)> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var outcome = new TrackerOutcome();
        foreach (var (sensorId, sequence, at) in seeds)
        {
            if (_firstUnseeded.Remove(sensorId, out var first))
            {
                if (_facility.TryGetSensor(sensorId, out var sensor) && first.Sequence > sequence + 1)
                {
                    RaiseSequenceGap(outcome, sensor, (sequence, at), first.Sequence, first.At);
                }
            }
            else
            {
                _lastSequence.TryAdd(sensorId, (sequence, at));
            }
        }
        _seeded = true;
        _firstUnseeded.Clear();
        return outcome;
    }

    /// <summary>Replaces an active excursion after a person changed it (acknowledged, shelved), so later rule changes build on it.</summary>
    public void Update(Excursion changed)
    {
        var key = ExcursionKey.Of(changed);
        var active = changed.FromHistoricalData ? _replayActive : _active;
        if (active.TryGetValue(key, out var current) && current.Id == changed.Id)
        {
            active[key] = changed;
        }
    }

    /// <summary>A frozen copy of what the tracker knows now, for readers on other threads.</summary>
    public TrackerView View() =>
        new(_limits, _rooms.LastChanges(), _batches.All.Where(b => b.IsActive).ToList(), [.. _active.Values, .. _replayActive.Values], _windows.ToList(), OutOfService);

    public Excursion? FindActive(Guid id) => _active.Values.FirstOrDefault(e => e.Id == id) ?? _replayActive.Values.FirstOrDefault(e => e.Id == id);

    public TrackerOutcome OnReading(Reading reading)
    {
        if (reading.IsHistorical)
        {
            return OnHistoricalReading(reading);
        }
        var outcome = new TrackerOutcome();
        if (!_facility.TryGetSensor(reading.Sensor, out var sensor))
        {
            return outcome;
        }
        _lastSeen[sensor.Id] = reading.ReceivedAt;
        Return(outcome, new ExcursionKey(ExcursionKind.DataGap, sensor.Room, sensor.Id, null), reading.Timestamp, "readings arrive again");
        if (IsOutOfService(sensor.Id, null, reading.Timestamp))
        {
            // Stored (flagged) by the ingest path, never judged: a sensor under maintenance raises nothing, not even a
            // sequence gap (the device may be restarted or reprogrammed), but the count resumes from its last number.
            NoteSequence(sensor, reading);
            return outcome;
        }
        CheckSequence(outcome, sensor, reading);

        var state = _rooms.StateAt(sensor.Room, reading.Timestamp);
        if (state == RoomState.NotMonitored)
        {
            // Not judged, so the particle rules cannot bridge the window either: they start afresh after it.
            ForgetParticleRules(_evaluators, sensor.Id, reading.Parameter);
            return outcome;
        }
        if (IsOutOfService(sensor.Id, reading.Parameter, reading.Timestamp))
        {
            return outcome;
        }
        var faultKey = new ExcursionKey(ExcursionKind.SensorFault, sensor.Room, sensor.Id, null);
        if (!reading.IsValid)
        {
            // docs/gmp.md §3: an invalid sample is not clean air. It is stored with its status and raises a fault, not a verdict.
            if (!_active.ContainsKey(faultKey))
            {
                Raise(outcome, faultKey, TechnicalLevel(sensor), state, DescribeFaults(reading.Faults), reading.Value, null, null, reading.Timestamp);
            }
            return outcome;
        }
        Return(outcome, faultKey, reading.Timestamp, "valid samples again");

        if (_limits.Resolve(sensor, reading.Parameter, state) is { } limits)
        {
            Judge(outcome, sensor, reading, limits, KindOf(reading.Parameter), _evaluators, _active);
        }
        if (reading.Parameter == Parameter.DifferentialPressure && _limits.ExpectedSign(sensor) is var sign and not 0)
        {
            Judge(outcome, sensor, reading, ReversalLimits(sensor, reading.Parameter, state, sign), ExcursionKind.PressureReversal, _reversals, _active);
        }
        if (state == RoomState.CleanUp && reading.Parameter.Info().IsParticleCount)
        {
            CheckRecovery(outcome, sensor, reading);
        }
        return outcome;
    }

    /// <summary>A cascade reversal (air flowing from the dirtier room into the cleaner one) is an alarm of its own (4.13-4.14).</summary>
    private LimitSet ReversalLimits(Sensor sensor, Parameter parameter, RoomState state, int sign)
    {
        var dpLimits = _limits.Resolve(sensor, parameter, state);
        return new LimitSet(sensor.Id, parameter, state, Band.None, sign > 0 ? new Band(0, null) : new Band(null, 0),
            dpLimits?.Delay ?? TimeSpan.Zero, dpLimits?.DelaySamples ?? 1, dpLimits?.Justification, 0, ParticleRules.None, "pressure cascade sign");
    }

    /// <summary>Why a sample is not valid, in the words of the sensor fault's rule: what the instrument reported, and
    /// what the service found in the data itself (which no instrument status bit says).</summary>
    internal static string DescribeFaults(SampleFaults faults)
    {
        var parts = new List<string>(3);
        if ((faults & ~(SampleFaults.Saturated | SampleFaults.InconsistentCounts)) is var reported and not SampleFaults.None)
        {
            parts.Add($"instrument reports {reported}");
        }
        if (faults.HasFlag(SampleFaults.Saturated))
        {
            parts.Add("a channel held a saturated or sentinel register value (a device fault, not a measurement)");
        }
        if (faults.HasFlag(SampleFaults.InconsistentCounts))
        {
            parts.Add("inconsistent cumulative counts: the ≥5.0 µm count above its ≥0.5 µm count");
        }
        return string.Join("; ", parts);
    }

    /// <summary>The room id system excursions are filed under: no facility room can have it (ids start with a letter or digit).</summary>
    public static readonly RoomId SystemRoom = new("_system");

    /// <summary>A condition of the monitoring system itself (durable buffer filling, storage failing) turning on or off:
    /// a <see cref="ExcursionKind.System"/> excursion while it lasts, so a failing system is itself reviewed like any event.</summary>
    public TrackerOutcome OnSystemCondition(string condition, bool active, LimitLevel level, string detail, DateTimeOffset at)
    {
        var outcome = new TrackerOutcome();
        var key = new ExcursionKey(ExcursionKind.System, SystemRoom, new SensorId(condition), null);
        if (active && !_active.ContainsKey(key))
        {
            Raise(outcome, key, level, RoomState.AtRest, detail, null, null, null, at);
        }
        else if (!active)
        {
            Return(outcome, key, at, detail);
        }
        return outcome;
    }

    /// <summary>Someone stopped monitoring in <paramref name="room"/> (a sensor out of service, a non-monitoring
    /// window). It takes effect at once, because monitoring must not wait for QA at night, and it is raised as a
    /// <see cref="ExcursionKind.System"/> excursion of the room, returned at once: the act is not a lasting condition,
    /// but it must be acknowledged and then reviewed and closed by QA like any excursion (issue 19, docs/excursions.md).</summary>
    public TrackerOutcome OnMonitoringStopped(RoomId room, string what, string by, string reason, DateTimeOffset at)
    {
        var outcome = new TrackerOutcome();
        var key = new ExcursionKey(ExcursionKind.System, room, null, null);
        Return(outcome, key, at, "superseded by a later stop");   // never expected: each stop is returned at once
        Raise(outcome, key, LimitLevel.Alert, _rooms.StateAt(room, at), $"monitoring stopped by {by}: {what}; reason: {reason}", null, null, null, at);
        Return(outcome, key, at, "monitoring stop recorded; QA reviews and closes it");
        return outcome;
    }

    public TrackerOutcome OnSourceEvent(SourceEvent sourceEvent)
    {
        var outcome = new TrackerOutcome();
        foreach (var id in sourceEvent.Sensors)
        {
            if (!_facility.TryGetSensor(id, out var sensor))
            {
                continue;
            }
            if (sourceEvent.Kind == SourceEventKind.DataConflict)
            {
                RecordConflict(outcome, sensor, sourceEvent);
                continue;
            }
            var key = new ExcursionKey(ExcursionKind.CommunicationLoss, sensor.Room, sensor.Id, null);
            if (sourceEvent.Kind != SourceEventKind.CommunicationRestored && IsOutOfService(sensor.Id, null, sourceEvent.At))
            {
                // A device unplugged for calibration goes silent by design: not a communication loss, not a gap.
                continue;
            }
            if (sourceEvent.Kind == SourceEventKind.CommunicationLost && !_active.ContainsKey(key))
            {
                Raise(outcome, key, TechnicalLevel(sensor), _rooms.StateAt(sensor.Room, sourceEvent.At),
                    $"communication lost: {sourceEvent.Detail} ({sourceEvent.Origin})", null, null, null, sourceEvent.At);
            }
            else if (sourceEvent.Kind == SourceEventKind.CommunicationRestored)
            {
                Return(outcome, key, sourceEvent.At, $"communication restored ({sourceEvent.Origin})");
            }
            else if (sourceEvent.Kind == SourceEventKind.DataGap)
            {
                // Like a sequence gap in a sensor's own samples: recorded and already over, so it is reviewed like any gap.
                var gap = key with { Kind = ExcursionKind.DataGap };
                var since = sourceEvent.Since ?? sourceEvent.At;
                if (!_active.ContainsKey(gap))
                {
                    Raise(outcome, gap, TechnicalLevel(sensor), _rooms.StateAt(sensor.Room, since), $"{sourceEvent.Detail} ({sourceEvent.Origin})", null, null, null, since);
                    Return(outcome, gap, sourceEvent.At, "messages arrive again");
                }
            }
        }
        return outcome;
    }

    /// <summary>A refused second value for an instant already stored (ALCOA+: the first is kept): a data-integrity record
    /// raised and returned at once, like a sequence gap, so QA reviews it like any excursion. It is recorded even for a
    /// sensor out of service or a room not monitored: it is about what the record holds, not a judgement of the air.
    /// Each conflict is its own record; the rejection counter and log show a source that keeps conflicting.</summary>
    private void RecordConflict(TrackerOutcome outcome, Sensor sensor, SourceEvent sourceEvent)
    {
        var key = new ExcursionKey(ExcursionKind.DataConflict, sensor.Room, sensor.Id, sourceEvent.Parameter);
        Raise(outcome, key, TechnicalLevel(sensor), _rooms.StateAt(sensor.Room, sourceEvent.At),
            $"conflicting value refused: {sourceEvent.Detail} ({sourceEvent.Origin})", null, null, null, sourceEvent.At);
        Return(outcome, key, sourceEvent.At, "the first value is kept");
    }

    /// <summary>Time-driven rules: room states from batches and windows, clean-up deadlines, and data gaps.</summary>
    public TrackerOutcome OnTick(DateTimeOffset now) => OnTick(now, now);

    /// <summary>Time-driven rules, with data gaps judged only up to <paramref name="receivedUpTo"/>: the receipt time up to
    /// which everything the service received has been judged (<see cref="Ingest.PipelineChannels.ReceivedUpTo"/>). While
    /// readings wait in the service's own queues their sensors are not silent; the service is behind, which is a condition
    /// of the service, not a gap in the sensors' data.</summary>
    public TrackerOutcome OnTick(DateTimeOffset now, DateTimeOffset receivedUpTo)
    {
        var outcome = new TrackerOutcome();
        EndQuietReplays(outcome, now);
        ReturnExpiredOutOfService(outcome, now);
        UnshelveExpired(outcome, now);
        foreach (var room in _facility.Rooms)
        {
            UpdateRoomState(outcome, room, now, reason: null);
        }
        foreach (var sensor in _facility.Sensors)
        {
            var last = _lastSeen.GetValueOrDefault(sensor.Id, _startedAt);
            var key = new ExcursionKey(ExcursionKind.DataGap, sensor.Room, sensor.Id, null);
            var state = _rooms.StateAt(sensor.Room, now);
            if (receivedUpTo - last > sensor.GapAfter && state != RoomState.NotMonitored && !IsOutOfService(sensor.Id, null, now) && !_active.ContainsKey(key)
                && !_active.ContainsKey(key with { Kind = ExcursionKind.CommunicationLoss }))
            {
                Raise(outcome, key, TechnicalLevel(sensor), state, $"no reading for more than {sensor.GapAfter}", null, null, null, last);
            }
        }
        return outcome;
    }

    /// <summary>Shelving is temporary (ISA-18.2): at its expiry the excursion is unacknowledged again and announced, so
    /// nobody can mute an alarm for good.</summary>
    private void UnshelveExpired(TrackerOutcome outcome, DateTimeOffset now)
    {
        foreach (var (key, excursion) in _active.Where(a => a.Value is { Status: ExcursionStatus.Shelved, Shelving: { } s } && s.Until <= now).ToList())
        {
            if (ExcursionLifecycle.Unshelve(excursion).Changed is { } unshelved)
            {
                _active[key] = unshelved;
                outcome.Excursions.Add(new ExcursionChange(excursion, unshelved, ExcursionAction.Unshelved));
            }
        }
    }

    public (Batch? Batch, BatchProblem? Problem, TrackerOutcome Outcome) StartBatch(BatchStart request, DateTimeOffset now)
    {
        var outcome = new TrackerOutcome();
        var (batch, problem) = _batches.Start(request, now);
        if (batch is null)
        {
            return (null, problem, outcome);
        }
        foreach (var room in batch.Rooms)
        {
            UpdateRoomState(outcome, _facility.Room(room), batch.StartedAt, $"batch {batch.Number} started");
            // An excursion names every batch active in its room at any time during it, including ones started while it is open.
            foreach (var key in _active.Keys.Where(k => k.Room == room).ToList())
            {
                var excursion = _active[key];
                if (!excursion.Batches.Contains(batch.Number))
                {
                    var linked = excursion with
                    {
                        Batches = [.. excursion.Batches, batch.Number],
                        History = [.. excursion.History, new ExcursionEntry(batch.StartedAt, ExcursionAction.BatchLinked, excursion.Level, $"batch {batch.Number} started in {room}", "system")],
                    };
                    _active[key] = linked;
                    outcome.Excursions.Add(new ExcursionChange(excursion, linked, ExcursionAction.BatchLinked));
                }
            }
        }
        return (batch, null, outcome);
    }

    public (Batch? Batch, BatchProblem? Problem, TrackerOutcome Outcome) EndBatch(BatchEnd request, DateTimeOffset now)
    {
        var outcome = new TrackerOutcome();
        var (batch, problem) = _batches.End(request, now);
        if (batch is null)
        {
            return (null, problem, outcome);
        }
        foreach (var room in batch.Rooms)
        {
            UpdateRoomState(outcome, _facility.Room(room), batch.EndedAt!.Value, $"batch {batch.Number} ended");
        }
        return (batch, null, outcome);
    }

    public TrackerOutcome DeclareWindow(RoomWindow window, DateTimeOffset now)
    {
        _windows.Add(window);
        var outcome = new TrackerOutcome();
        UpdateRoomState(outcome, _facility.Room(window.Room), now, null);
        return outcome;
    }

    /// <summary>Ends a declared window early at <paramref name="now"/> (a window not yet begun ends before it begins). The
    /// window is kept, shortened, so what was declared and when it ended stay on record (Annex 1 9.20: never silent).</summary>
    /// <returns>The shortened window, or null when no window with <paramref name="id"/> is still open or planned.</returns>
    public (RoomWindow? Window, TrackerOutcome Outcome) EndWindow(Guid id, DateTimeOffset now)
    {
        var outcome = new TrackerOutcome();
        var index = _windows.FindIndex(w => w.Id == id && w.To > now);
        if (index < 0)
        {
            return (null, outcome);
        }
        var ended = _windows[index] with { To = now < _windows[index].From ? _windows[index].From : now };
        _windows[index] = ended;
        UpdateRoomState(outcome, _facility.Room(ended.Room), now, $"{Describe(ended.Kind)} window ended early");
        return (ended, outcome);
    }

    /// <summary>Restores the recorded windows after a restart, ended ones included (they stay listed), after
    /// <see cref="Restore"/> has loaded the room states. An open or planned window then holds its room's state as before,
    /// and its end is met by the tick. A window whose end passed while the service was down (after its room's last
    /// recorded change, at or before <paramref name="now"/>) is ended here, stamped with its end: a reading from the
    /// downtime that arrives late is then judged in the state the room was really in, not in the window's.</summary>
    /// <returns>The room-state changes (and any clean-up excursion) those ends cause, to be recorded before readings are judged.</returns>
    public TrackerOutcome RestoreWindows(IEnumerable<RoomWindow> windows, DateTimeOffset now)
    {
        var outcome = new TrackerOutcome();
        var restored = windows.ToList();
        _windows.AddRange(restored);
        var endedWhileDown = restored
            .Where(w => w.To <= now && _rooms.LastChange(w.Room) is { } last && last.At < w.To)
            .OrderBy(w => w.To)
            .ToList();
        foreach (var window in endedWhileDown)
        {
            // A room no longer in the facility definition has no state to change; its window is only listed.
            if (_facility.TryGetRoom(window.Room, out var room))
            {
                UpdateRoomState(outcome, room, window.To, $"{Describe(window.Kind)} window ended (its end passed while the service was down)");
            }
        }
        return outcome;
    }

    /// <summary>A jump in the instrument's sequence numbers means samples were lost on the way (docs/instruments.md §4: an MQTT
    /// message acknowledged but not yet stored when the service died): a data-gap event naming the missing range,
    /// recorded as already returned, so it is reviewed like any gap. A lower number means the device restarted its count.</summary>
    private void CheckSequence(TrackerOutcome outcome, Sensor sensor, Reading reading)
    {
        if (reading.Sequence is not { } sequence)
        {
            return;
        }
        if (_lastSequence.TryGetValue(sensor.Id, out var last))
        {
            if (sequence > last.Sequence + 1)
            {
                RaiseSequenceGap(outcome, sensor, last, sequence, reading.Timestamp);
            }
        }
        else if (!_seeded)
        {
            _firstUnseeded[sensor.Id] = (sequence, reading.Timestamp);
        }
        if (!_lastSequence.TryGetValue(sensor.Id, out last) || sequence != last.Sequence)
        {
            _lastSequence[sensor.Id] = (sequence, reading.Timestamp);
        }
    }

    private void RaiseSequenceGap(TrackerOutcome outcome, Sensor sensor, (long Sequence, DateTimeOffset At) last, long sequence, DateTimeOffset arrivedAt)
    {
        var missing = sequence - last.Sequence - 1;
        var key = new ExcursionKey(ExcursionKind.DataGap, sensor.Room, sensor.Id, null);
        if (!_active.ContainsKey(key))
        {
            Raise(outcome, key, TechnicalLevel(sensor), _rooms.StateAt(sensor.Room, last.At),
                $"sequence gap: {missing} sample(s) missing between seq {last.Sequence} and {sequence}", missing, null, null, last.At);
            Return(outcome, key, arrivedAt, $"sample seq {sequence} arrived");
        }
    }

    /// <param name="active">Where its open excursions are kept: the live ones, or those judged from historical data.</param>
    private void Judge(TrackerOutcome outcome, Sensor sensor, Reading reading, LimitSet limits, ExcursionKind kind,
        Dictionary<(SensorId, Parameter), LimitEvaluator> evaluators, Dictionary<ExcursionKey, Excursion> active)
    {
        var key = new ExcursionKey(kind, sensor.Room, sensor.Id, reading.Parameter, reading.IsHistorical);
        _judged++;
        var verdict = Evaluator(evaluators, sensor.Id, reading.Parameter).Evaluate(reading, limits);
        switch (verdict.Kind)
        {
            case VerdictKind.Start:
                Raise(outcome, key, verdict.Level, limits.State, verdict.Rule, verdict.Value, verdict.Limit, limits, verdict.Since, reading.ReceivedAt, active, verdict.Side, verdict.Peak);
                break;
            case VerdictKind.Escalate when active.TryGetValue(key, out var open):
                var escalated = ExcursionLifecycle.Escalate(Peak(open, reading), verdict.Level, verdict.Rule, verdict.Value, verdict.Limit, reading.Timestamp);
                active[key] = escalated;
                outcome.Excursions.Add(new ExcursionChange(open, escalated, ExcursionAction.Escalated));
                break;
            case VerdictKind.Return:
                if (active.TryGetValue(key, out var returning))
                {
                    active[key] = Peak(returning, reading);
                }
                Return(outcome, key, reading.Timestamp, "back inside limits", active);
                break;
            default:
                if (active.TryGetValue(key, out var ongoing))
                {
                    active[key] = Peak(ongoing, reading);
                }
                break;
        }
    }

    /// <param name="receivedAt">When the reading that raised it arrived, for readings: an excursion whose batch had ended
    /// by then was found late.</param>
    /// <param name="active">Where it is kept while open; the live excursions unless given.</param>
    /// <param name="side">The bound the value breached, for an excursion judged from a value.</param>
    /// <param name="peak">Its worst value so far, when not <paramref name="value"/> at <paramref name="since"/>.</param>
    private void Raise(TrackerOutcome outcome, ExcursionKey key, LimitLevel level, RoomState state, string rule, double? value, double? limit,
        LimitSet? limits, DateTimeOffset since, DateTimeOffset? receivedAt = null, Dictionary<ExcursionKey, Excursion>? active = null, BreachSide? side = null,
        TimedValue? peak = null)
    {
        var grade = key.Sensor is { } id && _facility.TryGetSensor(id, out var sensor) ? sensor.Grade
            : _facility.TryGetRoom(key.Room, out var room) ? room.Grade : null;
        // Linked by its own time: the batches running when it started (a late reading's excursion belongs to the batch of
        // its time, not to the ones running when it arrived); batches starting while it lasts are added when it returns.
        var batches = _batches.Overlapping(key.Room, since, since);
        var excursion = new Excursion(Guid.CreateVersion7(since), key.Kind, level, key.Sensor, key.Room, key.Parameter, grade, state, rule,
            value, limit, limits?.Describe(), limits?.Version, since, null, peak?.Value ?? value, peak?.At ?? (value is null ? null : since), ExcursionStatus.Unacknowledged,
            batches, [new ExcursionEntry(since, ExcursionAction.Raised, level, key.Historical ? rule + HistoricalOrigin : rule, "system")], _facility.Version)
        {
            FoundLate = receivedAt is { } arrived && batches.Any(b => _batches.HadEnded(b, arrived)),
            FromHistoricalData = key.Historical,
            Side = side,
        };
        (active ?? _active)[key] = excursion;
        outcome.Excursions.Add(new ExcursionChange(null, excursion, ExcursionAction.Raised));
    }

    private void Return(TrackerOutcome outcome, ExcursionKey key, DateTimeOffset at, string detail, Dictionary<ExcursionKey, Excursion>? active = null)
    {
        if (!(active ?? _active).Remove(key, out var open))
        {
            return;
        }
        var (returned, _) = ExcursionLifecycle.ReturnToNormal(open, at < open.StartedAt ? open.StartedAt : at, detail);
        if (returned is not null)
        {
            // Batch linkage is frozen at the return: batches active at any time during the excursion.
            returned = returned with { Batches = _batches.Overlapping(open.Room, open.StartedAt, returned.EndedAt).Union(open.Batches).Order(StringComparer.Ordinal).ToList() };
            outcome.Excursions.Add(new ExcursionChange(open, returned, ExcursionAction.Returned));
        }
    }

    private void UpdateRoomState(TrackerOutcome outcome, Room room, DateTimeOffset at, string? reason)
    {
        var current = _rooms.Current(room.Id);
        var windows = _windows.Where(w => w.Room == room.Id && w.Covers(at)).ToList();
        RoomState desired;
        if (windows.Any(w => w.Kind == RoomWindowKind.NonMonitoring))
        {
            desired = RoomState.NotMonitored;
            reason ??= "non-monitoring window: " + windows.First(w => w.Kind == RoomWindowKind.NonMonitoring).Reason;
        }
        else if (_batches.AnyActiveIn(room.Id, at) || windows.Any(w => w.Kind == RoomWindowKind.Operation))
        {
            desired = RoomState.InOperation;
            reason ??= "operation window: " + windows.FirstOrDefault(w => w.Kind == RoomWindowKind.Operation)?.Reason;
        }
        else if (current == RoomState.InOperation)
        {
            desired = RoomState.CleanUp;
            reason ??= "operation window ended";
        }
        else if (current == RoomState.CleanUp && _rooms.LastChange(room.Id) is { } started && at - started.At >= room.CleanUpPeriod)
        {
            // Table 5 note 1: the room must be back to at-rest limits within the clean-up period; not being so is an event.
            desired = RoomState.AtRest;
            reason = $"clean-up period of {room.CleanUpPeriod} ended without recovery";
            var key = new ExcursionKey(ExcursionKind.CleanUpNotRecovered, room.Id, null, null);
            if (!_active.ContainsKey(key))
            {
                // It runs from the end of operations, so it names the batches whose clean-up failed.
                Raise(outcome, key, LimitLevel.Action, RoomState.CleanUp, reason, null, null, null, started.At);
            }
        }
        else if (current is RoomState.CleanUp)
        {
            return;
        }
        else
        {
            desired = RoomState.AtRest;
            reason ??= "window ended";
        }
        var change = new RoomStateChange(room.Id, desired, at, reason ?? desired.ToString(), "system");
        if (desired != current && _rooms.Append(change))
        {
            outcome.RoomStates.Add(change);
            if (desired == RoomState.CleanUp)
            {
                foreach (var stale in _cleanUpReadings.Keys.Where(k => k.Item1 == room.Id).ToList())
                {
                    _cleanUpReadings.Remove(stale);
                }
            }
        }
    }

    private void CheckRecovery(TrackerOutcome outcome, Sensor sensor, Reading reading)
    {
        _cleanUpReadings[(sensor.Room, sensor.Id, reading.Parameter)] = reading.Value;
        var room = _facility.Room(sensor.Room);
        // A counter out of service is not monitoring: it can neither hold up nor prove the room's recovery.
        foreach (var counter in _facility.SensorsIn(room.Id).Where(c => !IsOutOfService(c.Id, null, reading.Timestamp)))
        {
            foreach (var parameter in counter.Parameters.Where(p => p.Info().IsParticleCount && !IsOutOfService(counter.Id, p, reading.Timestamp)))
            {
                var atRest = _limits.Resolve(counter, parameter, RoomState.AtRest);
                if (!_cleanUpReadings.TryGetValue((room.Id, counter.Id, parameter), out var value) || atRest?.Action.Breaches(value) == true)
                {
                    return;
                }
            }
        }
        var change = new RoomStateChange(room.Id, RoomState.AtRest, reading.Timestamp, "clean-up complete: every counter within its at-rest limits", "system");
        if (_rooms.Append(change))
        {
            outcome.RoomStates.Add(change);
        }
        Return(outcome, new ExcursionKey(ExcursionKind.CleanUpNotRecovered, room.Id, null, null), reading.Timestamp, "room back within at-rest limits");
    }

    private static Excursion Peak(Excursion excursion, Reading reading)
    {
        // A record stored before excursions carried their side: its trigger sits on the side it breached, unless it escalated.
        var low = excursion.Side is { } side ? side == BreachSide.Low
            : excursion.Limit is { } limit && excursion.TriggerValue is { } trigger && trigger <= limit;
        var worse = excursion.PeakValue is not { } peak || (low ? reading.Value < peak : reading.Value > peak);
        return worse ? excursion with { PeakValue = reading.Value, PeakAt = reading.Timestamp } : excursion;
    }

    private static void ForgetParticleRules(Dictionary<(SensorId, Parameter), LimitEvaluator> evaluators, SensorId sensor, Parameter parameter)
    {
        if (evaluators.TryGetValue((sensor, parameter), out var evaluator))
        {
            evaluator.ForgetParticleRules();
        }
    }

    private static LimitEvaluator Evaluator(Dictionary<(SensorId, Parameter), LimitEvaluator> evaluators, SensorId sensor, Parameter parameter)
    {
        if (!evaluators.TryGetValue((sensor, parameter), out var evaluator))
        {
            evaluators[(sensor, parameter)] = evaluator = new LimitEvaluator();
        }
        return evaluator;
    }

    private static string Describe(RoomWindowKind kind) => kind == RoomWindowKind.NonMonitoring ? "non-monitoring" : "operation";

    /// <summary>Missing or invalid data where the air is critical (grades A and B) is a GMP event: action; elsewhere alert.</summary>
    private static LimitLevel TechnicalLevel(Sensor sensor) => sensor.Grade is Grade.A or Grade.B ? LimitLevel.Action : LimitLevel.Alert;

    private static ExcursionKind KindOf(Parameter parameter) => parameter switch
    {
        Parameter.ParticlesHalfMicron or Parameter.ParticlesFiveMicron => ExcursionKind.Particles,
        Parameter.DifferentialPressure => ExcursionKind.DifferentialPressure,
        Parameter.Temperature => ExcursionKind.Temperature,
        Parameter.RelativeHumidity => ExcursionKind.Humidity,
        _ => ExcursionKind.Equipment,
    };
}
