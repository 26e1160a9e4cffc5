using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Alerting;
using CleanroomMonitor.Service.Observability;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.Recording;

/// <summary>The stage after judging: records what the engine judged, then tells. <see cref="CommitAsync"/> writes a
/// pass's out-of-service periods, room states, excursion changes and the records they came with, each with its audit
/// entry, in one transaction; <see cref="TellAsync"/> then logs them and hands every excursion change to each notifier
/// behind a never-throw boundary. New ways of telling (people, replication) plug in as notifiers here.</summary>
/// <remarks>It runs on the engine's task rather than behind a channel of its own: a command's answer and the engine's
/// published view must reflect records already committed (an acknowledgement read back at once, a batch report), and
/// judging a pass costs microseconds against the commit's milliseconds, so a queue between them would buy nothing.</remarks>
public sealed class Recorder(FacilityDefinition facility, IRecordStore records, AuditRoles roles, IEnumerable<IExcursionNotifier> notifiers,
    TimeProvider time, AlertLatency alertLatency, ILogger<Recorder> logger)
{
    private readonly IExcursionNotifier[] _notifiers = [.. notifiers];
    private readonly List<RecordWrite> _writes = [];
    private long _savedRuleStateVersion = -1;

    /// <summary>Writes the steps' records and audit entries in one transaction, in the order: the step's own record,
    /// out-of-service periods, room states, excursion changes.</summary>
    public async Task CommitAsync(IReadOnlyList<JudgedStep> steps, CancellationToken cancellationToken)
    {
        _writes.Clear();
        var now = time.GetUtcNow();
        foreach (var (outcome, reason, record, _) in steps)
        {
            if (record is not null)
            {
                _writes.Add(record);
            }
            foreach (var change in outcome.OutOfService)
            {
                var period = change.After;
                _writes.Add(new RecordWrite.OutOfServiceSaved(period, AuditEntries.Of(now, change.By, await roles.OfAsync(change.By, cancellationToken),
                    AuditAction.OfOutOfService(change.Action),
                    AuditEntity.Sensor, period.Sensor.Value, change.Before, period, change.Reason)));
            }
            foreach (var change in outcome.RoomStates)
            {
                _writes.Add(new RecordWrite.RoomStateAdded(change,
                    AuditEntries.Of(change.At, change.By, await roles.OfAsync(change.By, cancellationToken), AuditAction.RoomStateChanged, AuditEntity.Room, change.Room.Value, null, change, change.Reason)));
            }
            foreach (var change in outcome.Excursions)
            {
                _writes.Add(new RecordWrite.ExcursionSaved(change.After, AuditEntries.Of(now, change.By,
                    await roles.OfAsync(change.By, cancellationToken), AuditAction.OfExcursion(change.Action),
                    AuditEntity.Excursion, change.After.Id.ToString(), change.Before, change.After, reason)));
            }
        }
        await records.SaveAllAsync(_writes, cancellationToken);
    }

    /// <summary>Logs the committed steps, tells every notifier of each excursion change, and measures the alert
    /// latency of readings that changed something.</summary>
    public async Task TellAsync(IReadOnlyList<JudgedStep> steps, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            await TellOneAsync(step.Outcome, cancellationToken);
            if (step.ReceivedAt is { } at)
            {
                alertLatency.Record(step.Outcome, at);
            }
        }
    }

    /// <summary>Saves the rule state when it changed since the last save (docs/reliability.md). A failure is logged and
    /// left to the next call: the snapshot narrows what a crash loses, the records stay the truth.</summary>
    public async Task SaveRuleStateAsync(ExcursionTracker tracker, CancellationToken cancellationToken)
    {
        var version = tracker.RuleStateVersion;
        if (version == _savedRuleStateVersion)
        {
            return;
        }
        try
        {
            await records.SaveRuleStateAsync(tracker.CaptureRuleState(time.GetUtcNow()), cancellationToken);
            _savedRuleStateVersion = version;
        }
        catch (Exception ex) when (ex is RecordStoreException or IOException)
        {
            logger.RuleStateSaveFailed(ex.Message, ex);
        }
    }

    /// <summary>Each limit set in force gets a version; one that differs from the version last recorded for its sensor,
    /// parameter and room state is recorded as a change, attributed to the service account with the facility file's
    /// version as the reason.</summary>
    public Task<IReadOnlyList<string>> RecordLimitVersionsAsync(LimitBook book, CancellationToken cancellationToken) =>
        RecordLimitVersionsAsync(book, (_, _) => new LimitAttribution(AuditEntries.ServiceAccount, AuditRoles.System, $"facility definition version {facility.Version}"),
            cancellationToken);

    /// <summary>As <see cref="RecordLimitVersionsAsync(LimitBook, CancellationToken)"/>, each change attributed by
    /// <paramref name="attribute"/> (the limit change or the facility file's author that caused it).</summary>
    /// <returns>The keys ("sensor/parameter/state") whose version changed.</returns>
    public async Task<IReadOnlyList<string>> RecordLimitVersionsAsync(LimitBook book, Func<Sensor, Parameter, LimitAttribution> attribute,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(attribute);
        var now = time.GetUtcNow();
        var changed = new List<string>();
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
                    if (previous == set.Version)
                    {
                        continue;
                    }
                    var action = previous is null ? AuditAction.LimitsRecorded : AuditAction.LimitsChanged;
                    var who = attribute(sensor, parameter);
                    await records.SaveLimitVersionAsync(key, set.Version, set.Describe(), AuditEntries.Of(now, who.By, who.Role, action,
                        AuditEntity.LimitSet, key, previous, set.Describe(), who.Reason), cancellationToken);
                    logger.LimitVersionChanged(key, set.Version, previous ?? "none", set.Describe());
                    changed.Add(key);
                }
            }
        }
        return changed;
    }

    private async Task TellOneAsync(TrackerOutcome outcome, CancellationToken cancellationToken)
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
            foreach (var notifier in _notifiers)
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
}
