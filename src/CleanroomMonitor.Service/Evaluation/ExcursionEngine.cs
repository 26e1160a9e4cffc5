using Microsoft.Extensions.Options;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>Hosts the <see cref="ExcursionTracker"/> as a stage with one input (<see cref="PipelineChannels.Judging"/>:
/// readings before storage, source events and commands, in the order they were given) and a clock tick. What it judges
/// goes to the <see cref="Recorder"/>, the stage after it: recorded first (the GMP record exists before anyone is told),
/// then told. After each pass that changed something it publishes a frozen <see cref="TrackerView"/> that readers use
/// instead of asking the engine. It reads the record store only to restore its state and to find a returned excursion.</summary>
/// <remarks>Recording is a group commit: the outcomes of all the inputs judged in one pass (and a batch or window
/// record with the room states it caused) go to the record store in one transaction. A breach arriving while a commit
/// is on disk then waits for that one commit and its own, not for one commit per change queued in front of it.</remarks>
/// <remarks>Limits: the facility file is the baseline, and approved limit changes (<paramref name="limitChanges"/>) switch
/// in at their effective instant, checked before every pass and on the tick, without a restart (docs/gmp.md "Limit changes
/// under change control"). Without a limit change store (unit tests of other stages) the file's limits stay in force.</remarks>
public sealed class ExcursionEngine(FacilityDefinition facility, PipelineChannels channels, IRecordStore records, Recorder recorder, AuditRoles roles,
    ISequenceSeedSource seeds, TimeProvider time, ILogger<ExcursionEngine> logger, EngineView view, IOptions<IngestOptions> ingest,
    ILimitChangeRecords? limitChanges = null, IOptions<FacilityFileChangeOptions>? fileChange = null)
    : BackgroundService
{
    /// <summary>The System condition of a facility file changed without a named author.</summary>
    public const string UnattributedFileChange = "facility-file-changed";

    /// <summary>The limit_versions key under which the facility file's version is kept, to tell a changed file at start.</summary>
    public const string FacilityFileKey = "facility/file";

    private readonly List<LimitChangeHistory> _approved = [];
    private DateTimeOffset? _nextSwitch;
    /// <summary>The system condition raised while received readings wait longer than <see cref="IngestOptions.BehindAlarm"/>.</summary>
    public const string BehindCondition = "ingest-behind";

    private bool _behind;
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<JudgedStep> _judged = [];
    private readonly List<Reading> _replayed = [];
    private ExcursionTracker? _tracker;
    private long _lastTickTicks;

    /// <summary>Completes when the engine has restored its state and judges readings.</summary>
    public Task Ready => _ready.Task;

    /// <summary>When the engine last ran its one-second tick (from <see cref="Ready"/>: when it became ready). It moves
    /// every second while the engine judges, so an engine whose loop is stuck (a record store that does not answer) is
    /// seen standing still: the heartbeat to an external watchdog stops then.</summary>
    public DateTimeOffset LastTickAt => new(Interlocked.Read(ref _lastTickTicks), TimeSpan.Zero);

    public Task<(Batch? Batch, BatchProblem? Problem)> StartBatchAsync(BatchStart request, CancellationToken cancellationToken) =>
        SendAsync(new StartBatchCommand(request, null), cancellationToken);

    /// <param name="reason">Why, as the person was prompted for it (docs/gmp.md §8); goes into the audit entry.</param>
    public Task<(Batch? Batch, BatchProblem? Problem)> StartBatchAsync(BatchStart request, string? reason, CancellationToken cancellationToken) =>
        SendAsync(new StartBatchCommand(request, reason), cancellationToken);

    public Task<(Batch? Batch, BatchProblem? Problem)> EndBatchAsync(BatchEnd request, CancellationToken cancellationToken) =>
        SendAsync(new EndBatchCommand(request, null), cancellationToken);

    /// <param name="reason">Why, as the person was prompted for it (docs/gmp.md §8); goes into the audit entry.</param>
    public Task<(Batch? Batch, BatchProblem? Problem)> EndBatchAsync(BatchEnd request, string? reason, CancellationToken cancellationToken) =>
        SendAsync(new EndBatchCommand(request, reason), cancellationToken);

    public Task<RoomWindow> DeclareWindowAsync(RoomWindow window, CancellationToken cancellationToken) =>
        SendAsync(new DeclareWindowCommand(window), cancellationToken);

    /// <summary>Ends a declared window now; the audit entry holds the window before and after, who and why.</summary>
    /// <returns>The shortened window, or null when it is unknown or over already.</returns>
    public Task<RoomWindow?> EndWindowAsync(Guid id, string by, string reason, CancellationToken cancellationToken) =>
        SendAsync(new EndWindowCommand(id, by, reason), cancellationToken);

    /// <summary>Takes a sensor, or one parameter of it, out of service now until <paramref name="expectedEnd"/>; the
    /// audit entry holds who, when, why and the period. Its open excursions return, recorded after the period.</summary>
    public Task<(OutOfServicePeriod? Period, OutOfServiceProblem? Problem)> TakeOutOfServiceAsync(SensorId sensor, Parameter? parameter,
        DateTimeOffset expectedEnd, string reason, string by, CancellationToken cancellationToken) =>
        SendAsync(new TakeOutOfServiceCommand(sensor, parameter, expectedEnd, reason, by), cancellationToken);

    /// <summary>Returns a sensor to service now; null when no open period has <paramref name="id"/>.</summary>
    public Task<OutOfServicePeriod?> ReturnToServiceAsync(Guid id, string by, string reason, CancellationToken cancellationToken) =>
        SendAsync(new ReturnToServiceCommand(id, by, reason), cancellationToken);

    /// <summary>Raises or returns the System excursion of a monitoring-system condition (buffer backlog, write failure).</summary>
    public Task<bool> ReportSystemConditionAsync(SystemCondition condition, CancellationToken cancellationToken) =>
        SendAsync(new SystemConditionCommand(condition), cancellationToken);

    /// <summary>Raises, escalates or returns the Calibration excursion of an instrument (docs/instruments.md "Calibration register").</summary>
    public Task<bool> ReportCalibrationStateAsync(SensorId sensor, LimitLevel level, string detail, double daysPastDue, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        SendAsync(new CalibrationStateCommand(sensor, level, detail, daysPastDue, at), cancellationToken);

    /// <summary>Applies a person's signed move (acknowledge, shelve, close) to an excursion, active or already returned.</summary>
    public Task<(Excursion? Excursion, string? Error)> MoveAsync(Guid id, ExcursionMove move, CancellationToken cancellationToken) =>
        SendAsync(new MoveExcursionCommand(id, move), cancellationToken);

    /// <summary>Puts an approved limit change in force at its effective instant (at once when that has come); answered
    /// when it is scheduled, or in force and its limit versions recorded.</summary>
    public Task<bool> ScheduleLimitChangeAsync(LimitChangeHistory change, CancellationToken cancellationToken) =>
        SendAsync(new ScheduleLimitChangeCommand(change), cancellationToken);

    /// <summary>Completes when every input put on the engine's channel before this call has been judged and its outcome
    /// recorded and told: the one input keeps their order, so "nothing was raised" can be known rather than waited for.</summary>
    internal Task JudgedAsync(CancellationToken cancellationToken) => SendAsync(new BarrierCommand(), cancellationToken);

    private async Task<T> SendAsync<T>(EngineCommand<T> command, CancellationToken cancellationToken)
    {
        await channels.Judging.Writer.WriteAsync(JudgeInput.Of(command), cancellationToken);
        return await command.Done.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await records.InitializeAsync(stoppingToken);
        var now = time.GetUtcNow();
        if (limitChanges is not null)
        {
            _approved.AddRange((await limitChanges.LimitChangesAsync(stoppingToken)).Where(c => c.IsApproved));
        }
        // The file plus every change in force now; the approved future ones wait for their instant (_nextSwitch).
        _tracker = new ExcursionTracker(LimitSchedule.InForce(facility, _approved, now), now);
        _nextSwitch = LimitSchedule.NextSwitch(_approved, now);
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
        await ApplyAsync(new JudgedStep(_tracker.RestoreWindows(windows, now)), stoppingToken);
        logger.EngineRestored(open.Count(e => e.IsActive), batches.Count, states.Count, windows.Count, windows.Count(w => w.To > now));
        // Judging does not wait for InfluxDB: the seeds are checked when they come (ExcursionTracker.SeedSequences).
        var seeding = seeds.LoadAsync(stoppingToken);
        await RecordStartLimitsAsync(now, stoppingToken);
        view.Publish(_tracker.View());
        Interlocked.Exchange(ref _lastTickTicks, now.UtcTicks);
        _ready.TrySetResult();
        channels.OpenSources();

        var nextTick = now + TickInterval;
        Task? tickDelay = null;
        var input = new AnyReadable(stoppingToken, channels.Judging.Reader.WaitToReadAsync);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var worked = false;
                if (_nextSwitch <= time.GetUtcNow())
                {
                    // Before the pass: a reading taken in after the effective instant is judged under the new limits.
                    await SwitchLimitsAsync(time.GetUtcNow(), stoppingToken);
                    worked = true;
                }
                // A pass: up to 256 inputs in their order; the readings' outcomes are recorded together (group commit),
                // and a command first lets what came before it be recorded, so its answer reflects them.
                for (var i = 0; i < 256 && channels.Judging.Reader.TryRead(out var next); i++)
                {
                    worked = true;
                    if (next.Reading is { } reading)
                    {
                        Take(reading);
                    }
                    else if (next.SourceEvent is { } sourceEvent)
                    {
                        Keep(_tracker.OnSourceEvent(sourceEvent));
                    }
                    else if (next.Command is EngineCommand command)
                    {
                        await RecordPassAsync(stoppingToken);
                        await RunAsync(command, stoppingToken);
                    }
                }
                await RecordPassAsync(stoppingToken);
                if (seeding is { IsCompleted: true })
                {
                    await ApplyAsync(new JudgedStep(_tracker.SeedSequences(await seeding)), stoppingToken);
                    seeding = null;
                    worked = true;
                }
                now = time.GetUtcNow();
                if (now >= nextTick)
                {
                    var receivedUpTo = channels.ReceivedUpTo(now);
                    await ApplyAsync(new JudgedStep(_tracker.OnTick(now, receivedUpTo)), stoppingToken);
                    await WatchBehindAsync(now, receivedUpTo, stoppingToken);
                    await recorder.SaveRuleStateAsync(_tracker, stoppingToken);
                    Interlocked.Exchange(ref _lastTickTicks, now.UtcTicks);
                    nextTick = now + TickInterval;
                    tickDelay = null;
                    worked = true;
                }
                if (!worked)
                {
                    tickDelay ??= Task.Delay(nextTick - now, time, stoppingToken);
                    await input.WaitAsync(seeding is null ? tickDelay : Task.WhenAny(tickDelay, seeding));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping while a pass awaited the store; an idle engine leaves the loop without an exception.
        }
        // A clean stop, however the loop noticed it: the counters of every breach in progress survive it exactly.
        await recorder.SaveRuleStateAsync(_tracker, CancellationToken.None);
    }

    /// <summary>Readings received longer ago than <see cref="IngestOptions.BehindAlarm"/> still wait in the service's queues:
    /// the service itself is behind (its data gaps wait meanwhile, <see cref="PipelineChannels.ReceivedUpTo"/>), which is a
    /// condition of the monitoring system that someone must see; it returns once the queues have caught up.</summary>
    private async Task WatchBehindAsync(DateTimeOffset now, DateTimeOffset receivedUpTo, CancellationToken cancellationToken)
    {
        var lag = now - receivedUpTo;
        var behind = lag > ingest.Value.BehindAlarm;
        if (behind == _behind)
        {
            return;
        }
        _behind = behind;
        logger.IngestBehind(behind, lag);
        var detail = behind
            ? FormattableString.Invariant($"readings received {lag.TotalSeconds:0} s ago are not yet judged (alarm after {ingest.Value.BehindAlarm.TotalSeconds:0} s): the service is behind; data gaps are judged up to what it has taken in")
            : "the service has caught up with the readings it received";
        await ApplyAsync(new JudgedStep(_tracker!.OnSystemCondition(BehindCondition, behind, LimitLevel.Alert, detail, behind ? receivedUpTo : now)), cancellationToken);
    }

    /// <summary>Runs a command on the engine's task, where the tracker may be touched; its sender gets the answer, or the
    /// exception (a record store failure fails that one command, not the engine).</summary>
    private async Task RunAsync(EngineCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            switch (command)
            {
                case StartBatchCommand start:
                    start.Done.TrySetResult(await StartBatchAsync(start, now, cancellationToken));
                    break;
                case EndBatchCommand end:
                    end.Done.TrySetResult(await EndBatchAsync(end, now, cancellationToken));
                    break;
                case DeclareWindowCommand declare:
                    declare.Done.TrySetResult(await DeclareWindowAsync(declare.Window, now, cancellationToken));
                    break;
                case EndWindowCommand end:
                    end.Done.TrySetResult(await EndWindowAsync(end, now, cancellationToken));
                    break;
                case TakeOutOfServiceCommand take:
                    take.Done.TrySetResult(await TakeOutOfServiceAsync(take, now, cancellationToken));
                    break;
                case ReturnToServiceCommand back:
                    var (period, outcome) = _tracker!.ReturnToService(back.Id, back.By, back.Reason, now);
                    await ApplyAsync(new JudgedStep(outcome), cancellationToken);
                    back.Done.TrySetResult(period);
                    break;
                case SystemConditionCommand { Condition: var condition } system:
                    await ApplyAsync(new JudgedStep(_tracker!.OnSystemCondition(condition.Name, condition.Active, condition.Level, condition.Detail, condition.At)),
                        cancellationToken);
                    system.Done.TrySetResult(true);
                    break;
                case CalibrationStateCommand calibration:
                    await ApplyAsync(new JudgedStep(_tracker!.OnCalibrationState(calibration.Sensor, calibration.Level, calibration.Detail, calibration.DaysPastDue,
                        calibration.At)), cancellationToken);
                    calibration.Done.TrySetResult(true);
                    break;
                case BarrierCommand barrier:
                    barrier.Done.TrySetResult(true);
                    break;
                case MoveExcursionCommand move:
                    move.Done.TrySetResult(await MoveAsync(move, now, cancellationToken));
                    break;
                case ScheduleLimitChangeCommand schedule:
                    await ScheduleAsync(schedule.Change, now, cancellationToken);
                    schedule.Done.TrySetResult(true);
                    break;
                default:
                    throw new NotSupportedException($"the excursion engine has no command {command.GetType().Name}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            command.Fail(ex);
        }
    }

    private async Task<(Batch? Batch, BatchProblem? Problem)> StartBatchAsync(StartBatchCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var (batch, problem, outcome) = _tracker!.StartBatch(request, now);
        if (batch is not null)
        {
            await ApplyAsync(new JudgedStep(outcome, Record: new RecordWrite.BatchSaved(batch,
                AuditEntries.Of(now, request.By, await roles.OfAsync(request.By, cancellationToken), AuditAction.BatchStarted, AuditEntity.Batch, batch.Number, null, batch, command.Reason))), cancellationToken);
            logger.BatchChanged(batch.Number, "started", string.Join(",", batch.Rooms), request.By);
        }
        return (batch, problem);
    }

    private async Task<(Batch? Batch, BatchProblem? Problem)> EndBatchAsync(EndBatchCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = command.Request;
        var before = request.Number is not null && _tracker!.Batches.TryGet(request.Number, out var b) ? b : null;
        var (batch, problem, outcome) = _tracker!.EndBatch(request, now);
        if (batch is not null)
        {
            await ApplyAsync(new JudgedStep(outcome, Record: new RecordWrite.BatchSaved(batch,
                AuditEntries.Of(now, request.By, await roles.OfAsync(request.By, cancellationToken), AuditAction.BatchEnded, AuditEntity.Batch, batch.Number, before, batch, command.Reason))), cancellationToken);
            logger.BatchChanged(batch.Number, "ended", string.Join(",", batch.Rooms), request.By);
        }
        return (batch, problem);
    }

    private async Task<RoomWindow> DeclareWindowAsync(RoomWindow window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The window is a record of its own (docs/excursions.md): kept, so a restart neither drops it nor forgets its end.
        var audit = AuditEntries.Of(now, window.By, await roles.OfAsync(window.By, cancellationToken), AuditAction.WindowDeclared, AuditEntity.Room, window.Room.Value, null, window, window.Reason);
        var outcome = _tracker!.DeclareWindow(window, now);
        if (window.Kind == RoomWindowKind.NonMonitoring)
        {
            // Issue 19: declared at once, reviewed by QA through a System excursion of the room.
            outcome.Excursions.AddRange(_tracker.OnMonitoringStopped(window.Room, $"non-monitoring window {window.From:o} to {window.To:o}", window.By,
                window.Reason, now).Excursions);
        }
        await ApplyAsync(new JudgedStep(outcome, Record: new RecordWrite.RoomWindowSaved(window, audit)), cancellationToken);
        return window;
    }

    private async Task<RoomWindow?> EndWindowAsync(EndWindowCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = _tracker!.Windows.FirstOrDefault(w => w.Id == command.Id);
        var (ended, outcome) = _tracker.EndWindow(command.Id, now);
        if (ended is not null)
        {
            var audit = AuditEntries.Of(now, command.By, await roles.OfAsync(command.By, cancellationToken), AuditAction.WindowEnded, AuditEntity.Room, ended.Room.Value, before, ended, command.Reason);
            await ApplyAsync(new JudgedStep(outcome, Record: new RecordWrite.RoomWindowSaved(ended, audit)), cancellationToken);
        }
        return ended;
    }

    private async Task<(OutOfServicePeriod? Period, OutOfServiceProblem? Problem)> TakeOutOfServiceAsync(TakeOutOfServiceCommand command, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (period, problem, outcome) = _tracker!.TakeOutOfService(command.Sensor, command.Parameter, command.ExpectedEnd, command.Reason, command.By, now);
        if (period is not null)
        {
            // Issue 19: an operator alone may stop monitoring, at once; QA reviews it through a System excursion.
            var what = $"sensor {period.Sensor} ({period.Parameter?.WireName() ?? "all parameters"}) out of service until {period.ExpectedEnd:o}";
            outcome.Excursions.AddRange(_tracker.OnMonitoringStopped(period.Room, what, command.By, command.Reason, now).Excursions);
        }
        await ApplyAsync(new JudgedStep(outcome), cancellationToken);
        return (period, problem);
    }

    private async Task<(Excursion? Excursion, string? Error)> MoveAsync(MoveExcursionCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = _tracker!.FindActive(command.Id) ?? await records.FindExcursionAsync(command.Id, cancellationToken);
        if (current is null)
        {
            return (null, "not found");
        }
        var (changed, error) = command.Move.ApplyTo(current);
        if (changed is null)
        {
            return (current, error);
        }
        _tracker.Update(changed);
        var outcome = new TrackerOutcome();
        outcome.Excursions.Add(new ExcursionChange(current, changed, command.Move.Action, command.Move.By));
        await ApplyAsync(new JudgedStep(outcome, command.Move.Comment), cancellationToken);
        return (changed, null);
    }

    private async Task ScheduleAsync(LimitChangeHistory change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!change.IsApproved || _approved.Any(c => c.Change.Id == change.Change.Id))
        {
            return;
        }
        _approved.Add(change);
        logger.LimitChangeScheduled(change.Change.Id, change.Change.Target, change.Change.Parameter.WireName(), change.EffectiveAt!.Value);
        if (change.EffectiveAt <= now)
        {
            await SwitchLimitsAsync(now, cancellationToken);
        }
        else
        {
            _nextSwitch = LimitSchedule.NextSwitch(_approved, now);
        }
    }

    /// <summary>The effective instant of one or more approved changes has come: the tracker takes the limits in force now
    /// (rule state kept, ExcursionTracker.ChangeLimits), each new limit set version is recorded under the change that
    /// caused it, and the published view shows the new limits.</summary>
    private async Task SwitchLimitsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _tracker!.ChangeLimits(LimitSchedule.InForce(facility, _approved, now));
        _nextSwitch = LimitSchedule.NextSwitch(_approved, now);
        var changed = await recorder.RecordLimitVersionsAsync(_tracker.Limits, (sensor, parameter) => ByChange(sensor, parameter, now), cancellationToken);
        logger.LimitsSwitched(changed.Count, now);
        view.Publish(_tracker.View());
    }

    /// <summary>A limit set changed at start: because the file changed (its author, if given), because a change came into
    /// force while the service was down (that change), or because the version text changed with this release (the service).</summary>
    private async Task RecordStartLimitsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var recordedFile = await records.LimitVersionAsync(FacilityFileKey, cancellationToken);
        var fileChanged = recordedFile is not null && recordedFile != facility.Version;
        var author = fileChange?.Value.ChangedBy is { Length: > 0 } name ? name.Trim() : null;
        LimitAttribution? fileAttribution = null;
        if (fileChanged)
        {
            var what = $"facility file changed from version {recordedFile} to {facility.Version}";
            fileAttribution = author is null
                ? new LimitAttribution(AuditEntries.ServiceAccount, AuditRoles.System, $"{what}, author not given")
                : new LimitAttribution(author, await roles.OfAsync(author, cancellationToken),
                    $"{what} by {author}" + (fileChange!.Value.ChangeReason is { Length: > 0 } why ? $": {why}" : ""));
        }
        var changed = await recorder.RecordLimitVersionsAsync(_tracker!.Limits,
            (sensor, parameter) => fileAttribution ?? ByChange(sensor, parameter, now), cancellationToken);
        if (recordedFile != facility.Version)
        {
            var by = fileAttribution ?? new LimitAttribution(AuditEntries.ServiceAccount, AuditRoles.System, $"facility definition version {facility.Version}");
            await records.SaveLimitVersionAsync(FacilityFileKey, facility.Version, "the facility definition file, the limits' baseline",
                AuditEntries.Of(now, by.By, by.Role, recordedFile is null ? AuditAction.LimitsRecorded : AuditAction.LimitsChanged, AuditEntity.Facility,
                    FacilityFileKey, recordedFile, facility.Version, by.Reason), cancellationToken);
        }
        if (fileChanged && author is null)
        {
            // An unattributed limit change must be seen: raised and returned at once, like a monitoring stop; QA closes it.
            var detail = $"the facility file changed (version {recordedFile} to {facility.Version}, {changed.Count} limit set(s) changed) and no author was given " +
                         "at start (Facility:ChangedBy): QA must find who changed it and why";
            var outcome = _tracker.OnSystemCondition(UnattributedFileChange, true, LimitLevel.Alert, detail, now);
            outcome.Excursions.AddRange(_tracker.OnSystemCondition(UnattributedFileChange, false, LimitLevel.Alert, "recorded; QA reviews and closes it", now).Excursions);
            await ApplyAsync(new JudgedStep(outcome), cancellationToken);
            logger.FacilityFileChangedWithoutAuthor(recordedFile!, facility.Version, changed.Count);
        }
    }

    /// <summary>The latest change in force that sets this sensor's parameter (its own level, or its room's for room air),
    /// or the service account when none does.</summary>
    private LimitAttribution ByChange(Sensor sensor, Parameter parameter, DateTimeOffset now)
    {
        var change = LimitSchedule.InOrder(_approved).Where(c => c.EffectiveAt <= now).LastOrDefault(c => c.Change.Parameter == parameter
            && (c.Change.Sensor == sensor.Id || (c.Change.Sensor is null && c.Change.Room == sensor.Room && sensor.Equipment is null)));
        if (change?.Decision is not { } approval)
        {
            return new LimitAttribution(AuditEntries.ServiceAccount, AuditRoles.System, $"facility definition version {facility.Version}");
        }
        var c = change.Change;
        return new LimitAttribution(approval.Signature.UserName, approval.Signature.Role,
            $"limit change {c.Id}: proposed by {c.ProposedBy} ({c.ProposedRole}), approved by {approval.Signature.UserName} ({approval.Signature.Role}), " +
            $"effective {approval.EffectiveAt:o}; reason: {c.Reason}");
    }

    /// <summary>A live reading is judged at once; a historical (replayed) one waits for the end of the pass, where the
    /// pass's replayed readings are judged in timestamp order by their own rule state (docs/sparkplug.md).</summary>
    private void Take(Reading reading)
    {
        if (reading.IsHistorical)
        {
            _replayed.Add(reading);
        }
        else
        {
            Judge(reading);
        }
    }

    /// <summary>Judges the pass's replayed readings, then records every outcome kept so far in one transaction.</summary>
    private async Task RecordPassAsync(CancellationToken cancellationToken)
    {
        if (_replayed.Count > 0)
        {
            foreach (var reading in _replayed.OrderBy(r => r.Timestamp))
            {
                Judge(reading);
            }
            _replayed.Clear();
        }
        if (_judged.Count > 0)
        {
            await ApplyAsync(_judged, cancellationToken);
            _judged.Clear();
        }
    }

    private void Keep(TrackerOutcome outcome, DateTimeOffset? receivedAt = null)
    {
        if (!outcome.IsEmpty)
        {
            _judged.Add(new JudgedStep(outcome, ReceivedAt: receivedAt));
        }
    }

    private void Judge(Reading reading) => Keep(_tracker!.OnReading(reading), reading.ReceivedAt);

    private Task ApplyAsync(JudgedStep step, CancellationToken cancellationToken) => ApplyAsync([step], cancellationToken);

    /// <summary>Records, then tells (the <see cref="Recorder"/>), with the engine's view published in between: whoever
    /// hears of a change and asks finds it in force.</summary>
    private async Task ApplyAsync(IReadOnlyList<JudgedStep> steps, CancellationToken cancellationToken)
    {
        await recorder.CommitAsync(steps, cancellationToken);
        // The rule state is not saved here but on the next tick: written after every change it put a second SQLite
        // commit in front of the next alert (the alert benchmark's p99). A crash in between is covered by the restore,
        // where the open excursions decide each rule's reported level over the snapshot's counters.
        if (_ready.Task.IsCompleted && steps.Any(s => s.ChangesRecords))
        {
            view.Publish(_tracker!.View());
        }
        await recorder.TellAsync(steps, cancellationToken);
    }
}
