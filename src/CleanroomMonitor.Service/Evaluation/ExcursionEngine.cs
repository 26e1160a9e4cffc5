using System.Threading.Channels;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Alerting;
using CleanroomMonitor.Service.Observability;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>Hosts the <see cref="ExcursionTracker"/>: one task owns it and feeds it readings (before storage), source
/// events, batch requests, people's actions and clock ticks. Every outcome is recorded first (the GMP record exists
/// before anyone is told), then published to every notifier behind a never-throw boundary.</summary>
/// <remarks>Recording is a group commit: the outcomes of all the readings judged in one pass (and a batch or window
/// record with the room states it caused) go to the record store in one transaction. A breach arriving while a commit
/// is on disk then waits for that one commit and its own, not for one commit per change queued in front of it.</remarks>
public sealed class ExcursionEngine(FacilityDefinition facility, PipelineChannels channels, IRecordStore records,
    IEnumerable<IExcursionNotifier> notifiers, ISequenceSeedSource seeds, TimeProvider time, ILogger<ExcursionEngine> logger, AlertLatency alertLatency,
    EngineView view)
    : BackgroundService
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    // People's commands and system conditions: a request waits when this many are queued, as a reading waits upstream.
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateBounded<Func<CancellationToken, Task>>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Step> _judged = [];
    private readonly List<Reading> _replayed = [];
    private readonly List<RecordWrite> _writes = [];
    private ExcursionTracker? _tracker;
    private long _savedRuleStateVersion = -1;

    /// <summary>Completes when the engine has restored its state and judges readings.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Runs <paramref name="action"/> on the engine's task, where the tracker may be touched, and returns its result.</summary>
    public async Task<T> RunAsync<T>(Func<ExcursionTracker, DateTimeOffset, CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _work.Writer.WriteAsync(async ct =>
        {
            try
            {
                result.TrySetResult(await action(_tracker!, time.GetUtcNow(), ct));
            }
            catch (Exception ex)
            {
                result.TrySetException(ex);
            }
        }, cancellationToken);
        return await result.Task.WaitAsync(cancellationToken);
    }

    public Task<(Batch? Batch, BatchProblem? Problem)> StartBatchAsync(BatchStart request, CancellationToken cancellationToken) =>
        StartBatchAsync(request, null, cancellationToken);

    /// <param name="reason">Why, as the person was prompted for it (docs/gmp.md §8); goes into the audit entry.</param>
    public Task<(Batch? Batch, BatchProblem? Problem)> StartBatchAsync(BatchStart request, string? reason, CancellationToken cancellationToken) =>
        RunAsync(async (tracker, now, ct) =>
        {
            var (batch, problem, outcome) = tracker.StartBatch(request, now);
            if (batch is not null)
            {
                await ApplyAsync(new Step(outcome, Record: new RecordWrite.BatchSaved(batch,
                    Audit(now, request.By, AuditAction.BatchStarted, AuditEntity.Batch, batch.Number, null, batch, reason))), ct);
                logger.BatchChanged(batch.Number, "started", string.Join(",", batch.Rooms), request.By);
            }
            return (batch, problem);
        }, cancellationToken);

    public Task<(Batch? Batch, BatchProblem? Problem)> EndBatchAsync(BatchEnd request, CancellationToken cancellationToken) =>
        EndBatchAsync(request, null, cancellationToken);

    /// <param name="reason">Why, as the person was prompted for it (docs/gmp.md §8); goes into the audit entry.</param>
    public Task<(Batch? Batch, BatchProblem? Problem)> EndBatchAsync(BatchEnd request, string? reason, CancellationToken cancellationToken) =>
        RunAsync(async (tracker, now, ct) =>
        {
            var before = request.Number is not null && tracker.Batches.TryGet(request.Number, out var b) ? b : null;
            var (batch, problem, outcome) = tracker.EndBatch(request, now);
            if (batch is not null)
            {
                await ApplyAsync(new Step(outcome, Record: new RecordWrite.BatchSaved(batch,
                    Audit(now, request.By, AuditAction.BatchEnded, AuditEntity.Batch, batch.Number, before, batch, reason))), ct);
                logger.BatchChanged(batch.Number, "ended", string.Join(",", batch.Rooms), request.By);
            }
            return (batch, problem);
        }, cancellationToken);

    public Task<RoomWindow> DeclareWindowAsync(RoomWindow window, CancellationToken cancellationToken) =>
        RunAsync(async (tracker, now, ct) =>
        {
            // The window is a record of its own (docs/excursions.md): kept, so a restart neither drops it nor forgets its end.
            var audit = Audit(now, window.By, AuditAction.WindowDeclared, AuditEntity.Room, window.Room.Value, null, window, window.Reason);
            var outcome = tracker.DeclareWindow(window, now);
            if (window.Kind == RoomWindowKind.NonMonitoring)
            {
                // Issue 19: declared at once, reviewed by QA through a System excursion of the room.
                outcome.Excursions.AddRange(tracker.OnMonitoringStopped(window.Room, $"non-monitoring window {window.From:o} to {window.To:o}", window.By,
                    window.Reason, now).Excursions);
            }
            await ApplyAsync(new Step(outcome, Record: new RecordWrite.RoomWindowSaved(window, audit)), ct);
            return window;
        }, cancellationToken);

    /// <summary>Ends a declared window now; the audit entry holds the window before and after, who and why.</summary>
    /// <returns>The shortened window, or null when it is unknown or over already.</returns>
    public Task<RoomWindow?> EndWindowAsync(Guid id, string by, string reason, CancellationToken cancellationToken) =>
        RunAsync(async (tracker, now, ct) =>
        {
            var before = tracker.Windows.FirstOrDefault(w => w.Id == id);
            var (ended, outcome) = tracker.EndWindow(id, now);
            if (ended is not null)
            {
                var audit = Audit(now, by, AuditAction.WindowEnded, AuditEntity.Room, ended.Room.Value, before, ended, reason);
                await ApplyAsync(new Step(outcome, Record: new RecordWrite.RoomWindowSaved(ended, audit)), ct);
            }
            return ended;
        }, cancellationToken);

    /// <summary>Takes a sensor, or one parameter of it, out of service now until <paramref name="expectedEnd"/>; the
    /// audit entry holds who, when, why and the period. Its open excursions return, recorded after the period.</summary>
    public Task<(OutOfServicePeriod? Period, OutOfServiceProblem? Problem)> TakeOutOfServiceAsync(SensorId sensor, Parameter? parameter,
        DateTimeOffset expectedEnd, string reason, string by, CancellationToken cancellationToken) =>
        RunAsync(async (tracker, now, ct) =>
        {
            var (period, problem, outcome) = tracker.TakeOutOfService(sensor, parameter, expectedEnd, reason, by, now);
            if (period is not null)
            {
                // Issue 19: an operator alone may stop monitoring, at once; QA reviews it through a System excursion.
                var what = $"sensor {period.Sensor} ({period.Parameter?.WireName() ?? "all parameters"}) out of service until {period.ExpectedEnd:o}";
                outcome.Excursions.AddRange(tracker.OnMonitoringStopped(period.Room, what, by, reason, now).Excursions);
            }
            await ApplyAsync(new Step(outcome), ct);
            return (period, problem);
        }, cancellationToken);

    /// <summary>Returns a sensor to service now; null when no open period has <paramref name="id"/>.</summary>
    public Task<OutOfServicePeriod?> ReturnToServiceAsync(Guid id, string by, string reason, CancellationToken cancellationToken) =>
        RunAsync(async (tracker, now, ct) =>
        {
            var (period, outcome) = tracker.ReturnToService(id, by, reason, now);
            await ApplyAsync(new Step(outcome), ct);
            return period;
        }, cancellationToken);

    /// <summary>Raises or returns the System excursion of a monitoring-system condition (buffer backlog, write failure).</summary>
    public Task<bool> ReportSystemConditionAsync(SystemCondition condition, CancellationToken cancellationToken) =>
        RunAsync(async (tracker, _, ct) =>
        {
            await ApplyAsync(new Step(tracker.OnSystemCondition(condition.Name, condition.Active, condition.Level, condition.Detail, condition.At)), ct);
            return true;
        }, cancellationToken);

    /// <summary>Applies a person's move (acknowledge, shelve, close) to an excursion, active or already returned.</summary>
    public Task<(Excursion? Excursion, string? Error)> ChangeAsync(Guid id, string action, string user, string comment,
        Func<Excursion, DateTimeOffset, (Excursion? Changed, string? Error)> move, CancellationToken cancellationToken) =>
        RunAsync(async (tracker, now, ct) =>
        {
            var current = tracker.FindActive(id) ?? await records.FindExcursionAsync(id, ct);
            if (current is null)
            {
                return ((Excursion?)null, (string?)"not found");
            }
            var (changed, error) = move(current, now);
            if (changed is null)
            {
                return (current, error);
            }
            tracker.Update(changed);
            var outcome = new TrackerOutcome();
            outcome.Excursions.Add(new ExcursionChange(current, changed, action, user));
            await ApplyAsync(new Step(outcome, comment), ct);
            return (changed, null);
        }, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await records.InitializeAsync(stoppingToken);
        var now = time.GetUtcNow();
        _tracker = new ExcursionTracker(facility, now);
        var batches = await records.BatchesAsync(stoppingToken);
        var states = await records.RoomStateChangesAsync(stoppingToken);
        var open = await records.OpenExcursionsAsync(stoppingToken);
        if (await records.RuleStateAsync(stoppingToken) is { } snapshot)
        {
            // Before Restore: the open excursions then set each rule's reported level, over the snapshot's counters.
            logger.RuleStateRestored(_tracker.RestoreRuleState(snapshot), snapshot.TakenAt);
        }
        _tracker.Restore(batches, states, open);
        _tracker.RestoreOutOfService(await records.OutOfServiceAsync(stoppingToken));
        var windows = await records.RoomWindowsAsync(stoppingToken);
        // Recorded before the sources open: a late reading from the downtime must meet the room state of its own time.
        await ApplyAsync(new Step(_tracker.RestoreWindows(windows, now)), stoppingToken);
        logger.EngineRestored(open.Count(e => e.IsActive), batches.Count, states.Count, windows.Count, windows.Count(w => w.To > now));
        // Judging does not wait for InfluxDB: the seeds are checked when they come (ExcursionTracker.SeedSequences).
        var seeding = seeds.LoadAsync(stoppingToken);
        await RecordLimitVersionsAsync(_tracker.Limits, now, stoppingToken);
        view.Publish(_tracker.View());
        _ready.TrySetResult();
        channels.OpenSources();

        var nextTick = now + TickInterval;
        Task? tickDelay = null;
        var inputs = new AnyReadable(stoppingToken, channels.Evaluation.Reader.WaitToReadAsync, channels.SourceEvents.Reader.WaitToReadAsync,
            _work.Reader.WaitToReadAsync);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var worked = false;
                while (_work.Reader.TryRead(out var work))
                {
                    await work(stoppingToken);
                    worked = true;
                }
                while (channels.SourceEvents.Reader.TryRead(out var sourceEvent))
                {
                    await ApplyAsync(new Step(_tracker.OnSourceEvent(sourceEvent)), stoppingToken);
                    worked = true;
                }
                for (var i = 0; i < 256 && channels.Evaluation.Reader.TryRead(out var reading); i++)
                {
                    if (reading.IsHistorical)
                    {
                        _replayed.Add(reading);
                    }
                    else
                    {
                        Judge(reading);
                    }
                    worked = true;
                }
                // Historical (replayed) readings have a rule state of their own, fed in timestamp order (docs/sparkplug.md).
                foreach (var reading in _replayed.OrderBy(r => r.Timestamp))
                {
                    Judge(reading);
                }
                _replayed.Clear();
                if (_judged.Count > 0)
                {
                    await ApplyAsync(_judged, stoppingToken);
                    _judged.Clear();
                }
                if (seeding is { IsCompleted: true })
                {
                    await ApplyAsync(new Step(_tracker.SeedSequences(await seeding)), stoppingToken);
                    seeding = null;
                    worked = true;
                }
                now = time.GetUtcNow();
                if (now >= nextTick)
                {
                    await ApplyAsync(new Step(_tracker.OnTick(now)), stoppingToken);
                    await SaveRuleStateAsync(stoppingToken);
                    nextTick = now + TickInterval;
                    tickDelay = null;
                    worked = true;
                }
                if (!worked)
                {
                    tickDelay ??= Task.Delay(nextTick - now, time, stoppingToken);
                    await inputs.WaitAsync(seeding is null ? tickDelay : Task.WhenAny(tickDelay, seeding));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A clean stop: the counters of every breach in progress survive it exactly.
            await SaveRuleStateAsync(CancellationToken.None);
        }
    }

    private void Judge(Reading reading)
    {
        var outcome = _tracker!.OnReading(reading);
        if (!outcome.IsEmpty)
        {
            _judged.Add(new Step(outcome, ReceivedAt: reading.ReceivedAt));
        }
    }

    /// <summary>Saves the rule state when readings were judged since the last save (docs/reliability.md). A failure is
    /// logged and retried on the next tick: the snapshot narrows what a crash loses, the records stay the truth.</summary>
    private async Task SaveRuleStateAsync(CancellationToken cancellationToken)
    {
        var version = _tracker!.RuleStateVersion;
        if (version == _savedRuleStateVersion)
        {
            return;
        }
        try
        {
            await records.SaveRuleStateAsync(_tracker.CaptureRuleState(time.GetUtcNow()), cancellationToken);
            _savedRuleStateVersion = version;
        }
        catch (Exception ex) when (ex is RecordStoreException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            logger.RuleStateSaveFailed(ex.Message, ex);
        }
    }

    private Task ApplyAsync(Step step, CancellationToken cancellationToken) => ApplyAsync([step], cancellationToken);

    /// <summary>Records, then tells: the steps' own records, out-of-service periods, room states and excursion changes go
    /// to the record store with their audit entries, in that order and in one transaction, before any notifier hears of
    /// them.</summary>
    private async Task ApplyAsync(IReadOnlyList<Step> steps, CancellationToken cancellationToken)
    {
        _writes.Clear();
        foreach (var (outcome, reason, record, _) in steps)
        {
            if (record is not null)
            {
                _writes.Add(record);
            }
            foreach (var change in outcome.OutOfService)
            {
                var period = change.After;
                _writes.Add(new RecordWrite.OutOfServiceSaved(period, Audit(time.GetUtcNow(), change.By, AuditAction.OfOutOfService(change.Action),
                    AuditEntity.Sensor, period.Sensor.Value, change.Before, period, change.Reason)));
            }
            foreach (var change in outcome.RoomStates)
            {
                _writes.Add(new RecordWrite.RoomStateAdded(change,
                    Audit(change.At, change.By, AuditAction.RoomStateChanged, AuditEntity.Room, change.Room.Value, null, change, change.Reason)));
            }
            foreach (var change in outcome.Excursions)
            {
                _writes.Add(new RecordWrite.ExcursionSaved(change.After, Audit(time.GetUtcNow(), change.By, AuditAction.OfExcursion(change.Action), AuditEntity.Excursion,
                    change.After.Id.ToString(), change.Before, change.After, reason)));
            }
        }
        await records.SaveAllAsync(_writes, cancellationToken);
        // The rule state is not saved here but on the next tick: written after every change it put a second SQLite
        // commit in front of the next alert (the alert benchmark's p99). A crash in between is covered by the restore,
        // where the open excursions decide each rule's reported level over the snapshot's counters.
        if (_ready.Task.IsCompleted && steps.Any(s => !s.Outcome.IsEmpty || s.Record is not null))
        {
            view.Publish(_tracker!.View());
        }
        foreach (var (outcome, _, _, receivedAt) in steps)
        {
            await TellAsync(outcome, cancellationToken);
            if (receivedAt is { } at)
            {
                alertLatency.Record(outcome, at);
            }
        }
    }

    private async Task TellAsync(TrackerOutcome outcome, CancellationToken cancellationToken)
    {
        foreach (var change in outcome.OutOfService)
        {
            var period = change.After;
            logger.OutOfServiceChanged(period.Sensor.Value, period.Parameter?.WireName() ?? "all parameters", period.Room.Value, change.Action, change.By,
                change.Reason, period.ExpectedEnd);
        }
        foreach (var change in outcome.RoomStates)
        {
            logger.RoomStateChanged(change.Room.Value, change.State.ToString(), change.Reason);
        }
        foreach (var change in outcome.Excursions)
        {
            var excursion = change.After;
            if (change.Action == ExcursionAction.Raised)
            {
                logger.ExcursionRaised(excursion.Level.ToString(), excursion.Kind.ToString(), excursion.Id, excursion.Room.Value,
                    excursion.Sensor?.Value ?? "room", excursion.Rule, excursion.StartedAt, string.Join(",", excursion.Batches));
            }
            else
            {
                logger.ExcursionChanged(excursion.Id, change.Action, excursion.Status.ToString(), change.By);
            }
            foreach (var notifier in notifiers)
            {
                try
                {
                    await notifier.NotifyAsync(change, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The never-throw boundary: one broken channel must not silence the others, and the record is already saved.
                    logger.NotifierFailed(notifier.Name, excursion.Id, ex);
                }
            }
        }
    }

    /// <summary>Each limit set in force gets a version; a change since the last start is recorded as a new version.</summary>
    private async Task RecordLimitVersionsAsync(LimitBook book, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var sensor in facility.Sensors)
        {
            foreach (var parameter in sensor.Parameters)
            {
                foreach (var state in (RoomState[])[RoomState.AtRest, RoomState.InOperation])
                {
                    if (book.Resolve(sensor, parameter, state) is not { } set)
                    {
                        continue;
                    }
                    var key = $"{sensor.Id}/{parameter.WireName()}/{state}";
                    var previous = await records.LimitVersionAsync(key, cancellationToken);
                    if (previous != set.Version)
                    {
                        await records.SaveLimitVersionAsync(key, set.Version, set.Describe(),
                            Audit(now, "system", previous is null ? AuditAction.LimitsRecorded : AuditAction.LimitsChanged, AuditEntity.LimitSet, key, previous, set.Describe(),
                                $"facility definition version {facility.Version}"), cancellationToken);
                        logger.LimitVersionChanged(key, set.Version, previous ?? "none", set.Describe());
                    }
                }
            }
        }
    }

    /// <summary>One input's outcome, with the record it came with (a batch, a window's audit entry), the reason a person
    /// gave, and for a reading its receipt time (the alert latency).</summary>
    private readonly record struct Step(TrackerOutcome Outcome, string? Reason = null, RecordWrite? Record = null, DateTimeOffset? ReceivedAt = null);

    private static AuditEntry Audit<T>(DateTimeOffset at, string user, string action, string entityType, string entityId, T? before, T after, string? reason) =>
        new(at, user, user == "system" ? "system" : "user", action, entityType, entityId,
            before is null ? null : RecordJson.Serialize(before), RecordJson.Serialize(after), reason);
}
