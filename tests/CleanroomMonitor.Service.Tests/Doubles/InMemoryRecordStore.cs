using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.Tests.Doubles;

/// <summary>The record store kept in lists, for driving the engine stage without SQLite. Every write is kept with its
/// audit entry, so a test can ask what was recorded and when (relative to what a notifier heard). The query, chain
/// verification and checkpoint members belong to the SQLite store's own tests and are not offered here.</summary>
internal sealed class InMemoryRecordStore : IRecordStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Excursion> _excursions = [];
    private readonly Dictionary<string, Batch> _batches = [];
    private readonly List<RoomStateChange> _roomStates = [];
    private readonly Dictionary<string, string> _limitVersions = [];
    private readonly Dictionary<Guid, OutOfServicePeriod> _outOfService = [];
    private readonly Dictionary<Guid, RoomWindow> _windows = [];
    private readonly List<BreachReview> _breachReviews = [];
    private readonly List<AuditEntry> _audit = [];
    private RuleSnapshot? _ruleState;

    public IReadOnlyList<AuditEntry> Audit
    {
        get
        {
            lock (_gate)
            {
                return [.. _audit];
            }
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SaveExcursionAsync(Excursion excursion, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.ExcursionSaved(excursion, audit)], cancellationToken);

    public Task<IReadOnlyList<Excursion>> OpenExcursionsAsync(CancellationToken cancellationToken) =>
        Read<IReadOnlyList<Excursion>>(() => _excursions.Values.Where(e => e.IsActive).ToList());

    public Task<Excursion?> FindExcursionAsync(Guid id, CancellationToken cancellationToken) => Read(() => _excursions.GetValueOrDefault(id));

    public Task<IReadOnlyList<Excursion>> ExcursionsAsync(ExcursionQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("queries are tested against SQLite");

    public Task SaveBatchAsync(Batch batch, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.BatchSaved(batch, audit)], cancellationToken);

    public Task<IReadOnlyList<Batch>> BatchesAsync(CancellationToken cancellationToken) => Read<IReadOnlyList<Batch>>(() => _batches.Values.ToList());

    public Task AddRoomStateChangeAsync(RoomStateChange change, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.RoomStateAdded(change, audit)], cancellationToken);

    public Task<IReadOnlyList<RoomStateChange>> RoomStateChangesAsync(CancellationToken cancellationToken) =>
        Read<IReadOnlyList<RoomStateChange>>(() => _roomStates.ToList());

    public Task<string?> LimitVersionAsync(string key, CancellationToken cancellationToken) => Read(() => _limitVersions.GetValueOrDefault(key));

    public Task SaveLimitVersionAsync(string key, string version, string description, AuditEntry audit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _limitVersions[key] = version;
            _audit.Add(audit);
        }
        return Task.CompletedTask;
    }

    public Task SaveOutOfServiceAsync(OutOfServicePeriod period, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.OutOfServiceSaved(period, audit)], cancellationToken);

    public Task<IReadOnlyList<OutOfServicePeriod>> OutOfServiceAsync(CancellationToken cancellationToken) =>
        Read<IReadOnlyList<OutOfServicePeriod>>(() => _outOfService.Values.ToList());

    public Task SaveRoomWindowAsync(RoomWindow window, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.RoomWindowSaved(window, audit)], cancellationToken);

    public Task<IReadOnlyList<RoomWindow>> RoomWindowsAsync(CancellationToken cancellationToken) => Read<IReadOnlyList<RoomWindow>>(() => _windows.Values.ToList());

    /// <summary>How many rule-state saves to refuse, as a full disk would, before saving again.</summary>
    public int RuleStateSavesToRefuse { get; set; }

    /// <summary>How many transactions to refuse, as a full disk would, before writing again.</summary>
    public int CommitsToRefuse { get; set; }

    /// <summary>The transactions written: one per <see cref="SaveAllAsync"/>.</summary>
    public int Commits { get; private set; }

    public RuleSnapshot? RuleState => Read(() => _ruleState).Result;

    public Task SaveRuleStateAsync(RuleSnapshot snapshot, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (RuleStateSavesToRefuse > 0)
            {
                RuleStateSavesToRefuse--;
                throw new RecordStoreException("disk full (test)");
            }
            _ruleState = snapshot;
        }
        return Task.CompletedTask;
    }

    public Task<RuleSnapshot?> RuleStateAsync(CancellationToken cancellationToken) => Read(() => _ruleState);

    public Task SaveBreachReviewAsync(BreachReview review, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.BreachReviewSaved(review, audit)], cancellationToken);

    public Task<IReadOnlyList<BreachReview>> BreachReviewsAsync(string batch, CancellationToken cancellationToken) =>
        Read<IReadOnlyList<BreachReview>>(() => _breachReviews.Where(r => r.Batch == batch).ToList());

    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.AuditAppended(entry)], cancellationToken);

    public Task SaveAllAsync(IReadOnlyList<RecordWrite> writes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (CommitsToRefuse > 0)
            {
                CommitsToRefuse--;
                throw new RecordStoreException("disk full (test)");
            }
            Commits++;
            foreach (var write in writes)
            {
                switch (write)
                {
                    case RecordWrite.ExcursionSaved(var excursion, var audit):
                        _excursions[excursion.Id] = excursion;
                        _audit.Add(audit);
                        break;
                    case RecordWrite.BatchSaved(var batch, var audit):
                        _batches[batch.Number] = batch;
                        _audit.Add(audit);
                        break;
                    case RecordWrite.RoomStateAdded(var change, var audit):
                        _roomStates.Add(change);
                        _audit.Add(audit);
                        break;
                    case RecordWrite.OutOfServiceSaved(var period, var audit):
                        _outOfService[period.Id] = period;
                        _audit.Add(audit);
                        break;
                    case RecordWrite.RoomWindowSaved(var window, var audit):
                        _windows[window.Id] = window;
                        _audit.Add(audit);
                        break;
                    case RecordWrite.BreachReviewSaved(var review, var audit):
                        _breachReviews.Add(review);
                        _audit.Add(audit);
                        break;
                    case RecordWrite.AuditAppended(var audit):
                        _audit.Add(audit);
                        break;
                    default:
                        throw new NotSupportedException(write.GetType().Name);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditRecord>> AuditTrailAsync(string? entityId, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the hash chain is tested against SQLite");

    public Task<AuditVerification> VerifyAuditTrailAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException("the hash chain is tested against SQLite");

    public Task<AuditCheckpoint?> CheckpointAuditTrailAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the hash chain is tested against SQLite");

    private Task<T> Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return Task.FromResult(read());
        }
    }
}
