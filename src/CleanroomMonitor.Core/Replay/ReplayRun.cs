using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Replay;

/// <summary>One setting of the limits replayed: a fresh <see cref="ExcursionTracker"/> over the facility definition,
/// restored as the engine restores itself from the record store, then given the period's readings in their order and
/// the clock ticks the engine would have given it. Nothing of the limit logic is repeated here: every excursion comes
/// from the tracker.</summary>
/// <remarks>The engine ticks once a second in wall time; a replay cannot know those instants, so it ticks at the ones
/// that change something: a batch's start and end, a window's start and end, an out-of-service period's expected end,
/// and the end of a clean-up period. Between them a tick would change nothing the limits decide.</remarks>
internal sealed class ReplayRun
{
    private readonly ExcursionTracker _tracker;
    private readonly ReplayPeriod _period;
    private readonly FacilityDefinition _facility;
    private readonly PriorityQueue<ReplayEvent, DateTimeOffset> _events = new();
    private readonly Dictionary<Guid, Guid> _outOfServiceIds = [];
    private readonly Dictionary<Guid, Excursion> _excursions = [];
    private DateTimeOffset? _cleanUpScheduledFor;

    public ReplayRun(FacilityDefinition facility, ReplayPeriod period)
    {
        _facility = facility;
        _period = period;
        _tracker = new ExcursionTracker(facility, period.From);
        // As ExcursionEngine.ExecuteAsync restores after a restart at From: the batches, the room's state then, the
        // windows and the out-of-service periods already begun. No excursion is open: the rule state starts fresh.
        _tracker.Restore(period.Batches, period.RoomStates.Where(s => s.At <= period.From), []);
        _tracker.RestoreOutOfService(period.OutOfService.Where(p => p.From <= period.From));
        _tracker.RestoreWindows(period.Windows, period.From);
        foreach (var batch in period.Batches.Where(b => b.Rooms.Contains(period.Room)))
        {
            Schedule(batch.StartedAt, ReplayEvent.Tick);
            if (batch.EndedAt is { } ended)
            {
                Schedule(ended, ReplayEvent.Tick);
            }
        }
        foreach (var window in period.Windows.Where(w => w.Room == period.Room))
        {
            Schedule(window.From, ReplayEvent.Tick);
            Schedule(window.To, ReplayEvent.Tick);
        }
        foreach (var outOfService in period.OutOfService)
        {
            if (outOfService.From > period.From)
            {
                // Taken out during the period: through the tracker's own command, which returns the sensor's open
                // excursions and forgets its rule state as it did live.
                Schedule(outOfService.From, new ReplayEvent(ReplayEventKind.TakeOut, outOfService));
                if (outOfService.ReturnedAt is { } returned && returned < outOfService.ExpectedEnd)
                {
                    Schedule(returned, new ReplayEvent(ReplayEventKind.Return, outOfService));
                }
            }
            Schedule(outOfService.ExpectedEnd, ReplayEvent.Tick);
        }
        Collect(new TrackerOutcome());
    }

    /// <summary>Judges one reading of the room, after every event due at or before its time.</summary>
    public void Add(Reading reading)
    {
        RunEventsUpTo(reading.Timestamp);
        var outcome = _tracker.OnReading(reading);
        if (!outcome.IsEmpty)
        {
            Collect(outcome);
        }
    }

    /// <summary>Runs the events left up to the period's end and gives the excursions of the room judged from limits.</summary>
    public IReadOnlyList<ReplayedExcursion> Finish()
    {
        RunEventsUpTo(_period.To);
        return _excursions.Values
            .Where(e => ReplayedExcursion.IsJudgedFromLimits(e.Kind) && e.Sensor is not null && e.Parameter is not null && e.Room == _period.Room
                && e.StartedAt < _period.To)
            .Select(e => ReplayedExcursion.Of(e, _period.From, _period.To))
            .OrderBy(e => e.StartedAt).ThenBy(e => e.Sensor.Value, StringComparer.Ordinal).ThenBy(e => e.Parameter).ThenBy(e => e.Kind)
            .ToList();
    }

    private void RunEventsUpTo(DateTimeOffset at)
    {
        while (_events.TryPeek(out var next, out var due) && due <= at)
        {
            _events.Dequeue();
            Collect(Run(next, due));
        }
    }

    private TrackerOutcome Run(ReplayEvent next, DateTimeOffset at)
    {
        switch (next.Kind)
        {
            case ReplayEventKind.TakeOut when next.Period is { } recorded:
                var (period, _, outcome) = _tracker.TakeOutOfService(recorded.Sensor, recorded.Parameter, recorded.ExpectedEnd, recorded.Reason, recorded.By, at);
                if (period is not null)
                {
                    _outOfServiceIds[recorded.Id] = period.Id;
                }
                return outcome;
            case ReplayEventKind.Return when next.Period is { } recorded:
                return _outOfServiceIds.TryGetValue(recorded.Id, out var id)
                    ? _tracker.ReturnToService(id, recorded.ReturnedBy ?? "system", recorded.ReturnReason ?? string.Empty, at).Outcome
                    : new TrackerOutcome();
            default:
                // receivedUpTo = at: whatever the tick says about data gaps is left out of the comparison anyway.
                return _tracker.OnTick(at, at);
        }
    }

    private void Collect(TrackerOutcome outcome)
    {
        foreach (var change in outcome.Excursions)
        {
            _excursions[change.After.Id] = change.After;
        }
        // A clean-up period has an end the engine's clock would meet: tick there, as the engine would within a second.
        if (_tracker.Rooms.LastChange(_period.Room) is { State: Limits.RoomState.CleanUp } cleanUp && _facility.TryGetRoom(_period.Room, out var room))
        {
            var due = cleanUp.At + room.CleanUpPeriod;
            if (_cleanUpScheduledFor != due)
            {
                _cleanUpScheduledFor = due;
                Schedule(due, ReplayEvent.Tick);
            }
        }
    }

    private void Schedule(DateTimeOffset at, ReplayEvent what)
    {
        if (at > _period.From && at < _period.To)
        {
            _events.Enqueue(what, at);
        }
    }
}
