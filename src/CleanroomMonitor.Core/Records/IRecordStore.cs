using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Core.Records;

/// <summary>The GMP record of truth: excursions, batches, room states, limit versions and the audit trail, append-only
/// and hash-chained (InfluxDB overwrites silently, so it cannot be this). Every save writes its audit entry in the same
/// transaction: a change without its audit entry cannot exist. Nothing is ever deleted.</summary>
public interface IRecordStore
{
    /// <summary>Creates or migrates the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or updates an excursion (matched by id) and appends <paramref name="audit"/>.</summary>
    Task SaveExcursionAsync(Excursion excursion, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Excursions not yet closed, for restoring the engine after a restart.</summary>
    Task<IReadOnlyList<Excursion>> OpenExcursionsAsync(CancellationToken cancellationToken);

    Task<Excursion?> FindExcursionAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Excursion>> ExcursionsAsync(ExcursionQuery query, CancellationToken cancellationToken);

    /// <summary>Inserts or updates a batch (matched by number) and appends <paramref name="audit"/>.</summary>
    Task SaveBatchAsync(Batch batch, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Every batch, oldest first.</summary>
    Task<IReadOnlyList<Batch>> BatchesAsync(CancellationToken cancellationToken);

    Task AddRoomStateChangeAsync(RoomStateChange change, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Every room state change, oldest first.</summary>
    Task<IReadOnlyList<RoomStateChange>> RoomStateChangesAsync(CancellationToken cancellationToken);

    /// <summary>The version last recorded for a limit set key (sensor/parameter/state), or null.</summary>
    Task<string?> LimitVersionAsync(string key, CancellationToken cancellationToken);

    /// <summary>Records a new version of a limit set (its description and version) and appends <paramref name="audit"/>.</summary>
    Task SaveLimitVersionAsync(string key, string version, string description, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Inserts or updates an out-of-service period (matched by id) and appends <paramref name="audit"/>, filed
    /// under the sensor's id.</summary>
    Task SaveOutOfServiceAsync(OutOfServicePeriod period, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Every out-of-service period, oldest first.</summary>
    Task<IReadOnlyList<OutOfServicePeriod>> OutOfServiceAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or updates a declared room window (matched by id: declaring inserts it, ending it early updates
    /// its end) and appends <paramref name="audit"/>, filed under the room's id.</summary>
    Task SaveRoomWindowAsync(RoomWindow window, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Every declared room window, ended ones included, by start.</summary>
    Task<IReadOnlyList<RoomWindow>> RoomWindowsAsync(CancellationToken cancellationToken);

    /// <summary>Replaces the engine's rule-state snapshot (working state: not audited).</summary>
    /// <summary>Records QA's signed breach review of a batch with its audit entry, in one transaction.</summary>
    Task SaveBreachReviewAsync(BreachReview review, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The breach reviews of <paramref name="batch"/>, oldest first.</summary>
    Task<IReadOnlyList<BreachReview>> BreachReviewsAsync(string batch, CancellationToken cancellationToken);

    Task SaveRuleStateAsync(RuleSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>The last rule-state snapshot saved, or null.</summary>
    Task<RuleSnapshot?> RuleStateAsync(CancellationToken cancellationToken);

    Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Writes every change of <paramref name="writes"/>, in order, in one transaction: all of them or, when one
    /// fails, none.</summary>
    Task SaveAllAsync(IReadOnlyList<RecordWrite> writes, CancellationToken cancellationToken);

    /// <summary>Audit records in sequence order, optionally for one entity and/or a time range.</summary>
    Task<IReadOnlyList<AuditRecord>> AuditTrailAsync(string? entityId, DateTimeOffset? since, DateTimeOffset? until, CancellationToken cancellationToken);

    /// <summary>Recomputes the hash chain from the first entry and checks it against every audit checkpoint written
    /// before (a trail rewritten with recomputed hashes, or cut short, does not match them).</summary>
    Task<AuditVerification> VerifyAuditTrailAsync(CancellationToken cancellationToken);

    /// <summary>Writes the trail's current end down as a checkpoint outside the database when it moved since the last
    /// one. Call it only after a verification found the trail intact.</summary>
    /// <returns>The checkpoint written; null when nothing was added since the last one.</returns>
    Task<AuditCheckpoint?> CheckpointAuditTrailAsync(DateTimeOffset at, CancellationToken cancellationToken);
}
