using System.Text;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The GMP record store, in one SQLite file (WAL, synchronous FULL) or a PostgreSQL database
/// (<see cref="RecordsOptions.Provider"/>): excursions and batches as current-state rows, room states and limit versions as
/// append-only history, and the hash-chained audit trail. The SQL is shared; a <see cref="RecordEngine"/> supplies what
/// differs between the engines.</summary>
/// <remarks>
/// <para>Every save writes its row(s) and its audit entry in one transaction. For the <c>Save*</c>/<c>Add*</c> methods
/// the store writes <see cref="AuditEntry.OldValue"/> and <see cref="AuditEntry.NewValue"/> itself, from what it
/// actually replaced and wrote (the record as <see cref="RecordJson"/>), so the audit trail matches the stored rows
/// whatever the caller passed. <see cref="AuditEntry.EntityId"/> may be left empty (the store fills it in) but must
/// otherwise name the saved entity; an empty <see cref="AuditEntry.EntityType"/> becomes <see cref="AuditEntity.Excursion"/>,
/// <see cref="AuditEntity.Batch"/>, <see cref="AuditEntity.RoomState"/> or <see cref="AuditEntity.LimitSet"/>. Who, role, action, time
/// and reason come from the caller.</para>
/// <para>Writes go through one connection, one at a time, one transaction per save. Reads open pooled read-only
/// connections and never wait for the writer (SQLite's WAL, PostgreSQL's MVCC). On PostgreSQL the write transaction is
/// READ COMMITTED, which is enough while one instance writes; several instances writing to one database need the room
/// leases of docs/scale-out.md first. Call <see cref="InitializeAsync"/> once before anything else
/// (<see cref="RecordStoreServiceCollectionExtensions.AddRecordStore"/> does it at start-up).</para>
/// </remarks>
public sealed partial class RecordStore(IOptions<RecordsOptions> options, ILogger<RecordStore> logger) : IRecordStore, IDisposable
{
    /// <summary>Commits between two checkpoints: a few hundred WAL pages, a few milliseconds of copying.</summary>
    private const int CheckpointEvery = 64;

    private readonly RecordEngine _engine = options.Value.Provider == RecordsProvider.Postgres
        ? new PostgresRecordEngine(options.Value.ConnectionString ?? "")
        : new SqliteRecordEngine(options.Value.Path);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private DbConnection? _writer;
    private int _commitsSinceCheckpoint;
    private Task _checkpoint = Task.CompletedTask;

    /// <summary>Where the records are: the full path of the SQLite file, or PostgreSQL's host:port/database.</summary>
    public string Path => _engine.Location;

    /// <summary>The database engine: SQLite or PostgreSQL.</summary>
    public string Engine => _engine.Dialect.Engine;

    /// <inheritdoc />
    /// <exception cref="RecordStoreException">The file cannot be created or written, is not a database, is damaged or
    /// has a newer schema.</exception>
    /// <remarks>Idempotent: later calls return at once.</remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (_writer is not null)
            {
                return;
            }
            var (connection, previousVersion, missingTriggers, upgrades) = await _engine.OpenWriterAsync(cancellationToken);
            if (previousVersion == 0)
            {
                logger.RecordSchemaCreated(Path, RecordSchema.Version);
            }
            else if (previousVersion < RecordSchema.Version)
            {
                logger.RecordSchemaUpgraded(Path, previousVersion, RecordSchema.Version, string.Join("; ", upgrades));
            }
            if (missingTriggers.Count > 0)
            {
                logger.RecordTriggersRestored(Path, string.Join(", ", missingTriggers));
            }
            var (entries, lastHash) = await AuditTrail.TailAsync(connection, cancellationToken);
            // The last hash in the log is an anchor outside the file: a trail later cut back before it is detectable.
            logger.RecordStoreOpened(Path, _engine.Dialect == RecordDialect.Sqlite ? "SQLite, WAL, synchronous FULL" : "PostgreSQL",
                RecordSchema.Version, entries, lastHash);
            Volatile.Write(ref _writer, connection);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task SaveExcursionAsync(Excursion excursion, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.ExcursionSaved(excursion, audit)], cancellationToken);

    private static async Task WriteExcursionAsync(DbConnection connection, DbTransaction transaction, Excursion excursion, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        var id = excursion.Id.ToString("D");
        var json = RecordJson.Serialize(excursion);
        var old = await ScalarTextAsync(connection, transaction, "SELECT record FROM excursions WHERE id = @key", id, cancellationToken);
        await using var upsert = connection.Command(
                "INSERT INTO excursions (id, kind, level, sensor, room, status, started_at, ended_at, batches, record) " +
                "VALUES (@id, @kind, @level, @sensor, @room, @status, @startedAt, @endedAt, @batches, @record) " +
                "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, level = excluded.level, sensor = excluded.sensor, " +
                "room = excluded.room, status = excluded.status, started_at = excluded.started_at, ended_at = excluded.ended_at, " +
                "batches = excluded.batches, record = excluded.record",
                transaction)
            .With("@id", id).With("@kind", excursion.Kind.ToString()).With("@level", excursion.Level.ToString())
            .With("@sensor", excursion.Sensor?.Value).With("@room", excursion.Room.Value).With("@status", excursion.Status.ToString())
            .With("@startedAt", RecordTime.ToText(excursion.StartedAt))
            .With("@endedAt", excursion.EndedAt is { } ended ? RecordTime.ToText(ended) : null)
            .With("@batches", RecordJson.Serialize(excursion.Batches)).With("@record", json);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, AuditEntity.Excursion, id, old, json), cancellationToken);
    }

    public async Task<IReadOnlyList<Excursion>> OpenExcursionsAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<Excursion>(
            "SELECT record FROM excursions WHERE status <> @closed ORDER BY started_at, id",
            command => command.With("@closed", nameof(ExcursionStatus.Closed)), cancellationToken);

    public async Task<Excursion?> FindExcursionAsync(Guid id, CancellationToken cancellationToken) =>
        (await ReadRecordsAsync<Excursion>("SELECT record FROM excursions WHERE id = @id",
            command => command.With("@id", id.ToString("D")), cancellationToken)).SingleOrDefault();

    /// <inheritdoc />
    /// <remarks><see cref="ExcursionQuery.From"/>/<see cref="ExcursionQuery.To"/> select excursions that overlap the
    /// range (started at or before <c>To</c>, and still active or ended at or after <c>From</c>), as a batch report
    /// needs. Newest start first, at most <see cref="ExcursionQuery.Limit"/>.</remarks>
    public async Task<IReadOnlyList<Excursion>> ExcursionsAsync(ExcursionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        // Fixed SQL fragments only; every value is a parameter.
        var sql = new StringBuilder("SELECT record FROM excursions WHERE 1 = 1");
        if (query.Room is not null) sql.Append(" AND room = @room");
        if (query.Sensor is not null) sql.Append(" AND sensor = @sensor");
        if (query.Status is not null) sql.Append(" AND status = @status");
        // The batch list of an open excursion grows; filtering on the stored JSON array keeps one source of truth
        // (a join table would need rows removed if a list ever shrank, and nothing here is ever deleted).
        if (query.Batch is not null) sql.Append(" AND ").Append(_engine.Dialect.BatchListContains);
        if (query.To is not null) sql.Append(" AND started_at <= @to");
        if (query.From is not null) sql.Append(" AND (ended_at IS NULL OR ended_at >= @from)");
        sql.Append(" ORDER BY started_at DESC, id DESC LIMIT @limit");
        return await ReadRecordsAsync<Excursion>(sql.ToString(), command => command
            .With("@room", query.Room?.Value).With("@sensor", query.Sensor?.Value).With("@status", query.Status?.ToString())
            .With("@batch", query.Batch)
            .With("@from", query.From is { } from ? RecordTime.ToText(from) : null)
            .With("@to", query.To is { } to ? RecordTime.ToText(to) : null)
            .With("@limit", query.Limit), cancellationToken);
    }

    public Task SaveBatchAsync(Batch batch, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.BatchSaved(batch, audit)], cancellationToken);

    private static async Task WriteBatchAsync(DbConnection connection, DbTransaction transaction, Batch batch, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        var json = RecordJson.Serialize(batch);
        var old = await ScalarTextAsync(connection, transaction, "SELECT record FROM batches WHERE number = @key", batch.Number, cancellationToken);
        await using var upsert = connection.Command(
                "INSERT INTO batches (number, product, tenant, started_at, ended_at, record) " +
                "VALUES (@number, @product, @tenant, @startedAt, @endedAt, @record) " +
                "ON CONFLICT (number) DO UPDATE SET product = excluded.product, tenant = excluded.tenant, " +
                "started_at = excluded.started_at, ended_at = excluded.ended_at, record = excluded.record",
                transaction)
            .With("@number", batch.Number).With("@product", batch.Product).With("@tenant", batch.Tenant)
            .With("@startedAt", RecordTime.ToText(batch.StartedAt))
            .With("@endedAt", batch.EndedAt is { } ended ? RecordTime.ToText(ended) : null)
            .With("@record", json);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, AuditEntity.Batch, batch.Number, old, json), cancellationToken);
    }

    public async Task<IReadOnlyList<Batch>> BatchesAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<Batch>("SELECT record FROM batches ORDER BY started_at, rowid", _ => { }, cancellationToken);

    public Task AddRoomStateChangeAsync(RoomStateChange change, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.RoomStateAdded(change, audit)], cancellationToken);

    private static async Task WriteRoomStateAsync(DbConnection connection, DbTransaction transaction, RoomStateChange change, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        var json = RecordJson.Serialize(change);
        var old = await ScalarTextAsync(connection, transaction,
            "SELECT record FROM room_states WHERE room = @key ORDER BY id DESC LIMIT 1", change.Room.Value, cancellationToken);
        await using var insert = connection.Command(
                "INSERT INTO room_states (room, state, at, record) VALUES (@room, @state, @at, @record)", transaction)
            .With("@room", change.Room.Value).With("@state", change.State.ToString())
            .With("@at", RecordTime.ToText(change.At)).With("@record", json);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, AuditEntity.RoomState, change.Room.Value, old, json), cancellationToken);
    }

    public async Task<IReadOnlyList<RoomStateChange>> RoomStateChangesAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<RoomStateChange>("SELECT record FROM room_states ORDER BY at, id", _ => { }, cancellationToken);

    public async Task<string?> LimitVersionAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT version FROM limit_versions WHERE key = @key ORDER BY id DESC LIMIT 1")
            .With("@key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SaveLimitVersionAsync(string key, string version, string description, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(audit);
        var json = RecordJson.Serialize(new LimitVersionRecord(key, version, description));
        await WriteAsync(async (connection, transaction) =>
        {
            string? old = null;
            await using (var previous = connection.Command(
                    "SELECT key, version, description FROM limit_versions WHERE key = @key ORDER BY id DESC LIMIT 1", transaction)
                .With("@key", key))
            await using (var reader = await previous.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    old = RecordJson.Serialize(new LimitVersionRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }
            await using var insert = connection.Command(
                    "INSERT INTO limit_versions (key, version, description, recorded_at) VALUES (@key, @version, @description, @recordedAt)",
                    transaction)
                .With("@key", key).With("@version", version).With("@description", description)
                .With("@recordedAt", RecordTime.ToText(audit.At));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await AuditTrail.AppendAsync(connection, transaction,
                ForEntity(audit, AuditEntity.LimitSet, key, old, json), cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Stored exactly as given (times in UTC).</remarks>
    public Task AppendAuditAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.AuditAppended(entry)], cancellationToken);

    /// <inheritdoc />
    /// <remarks>Each write is stored as its own <c>Save*</c>/<c>Add*</c>/<see cref="AppendAuditAsync"/> method describes.</remarks>
    public async Task SaveAllAsync(IReadOnlyList<RecordWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            ArgumentNullException.ThrowIfNull(write, nameof(writes));
        }
        if (writes.Count == 0)
        {
            return;
        }
        await WriteAsync(async (connection, transaction) =>
        {
            foreach (var write in writes)
            {
                await (write switch
                {
                    RecordWrite.ExcursionSaved w => WriteExcursionAsync(connection, transaction, w.Excursion, w.Audit, cancellationToken),
                    RecordWrite.BatchSaved w => WriteBatchAsync(connection, transaction, w.Batch, w.Audit, cancellationToken),
                    RecordWrite.RoomStateAdded w => WriteRoomStateAsync(connection, transaction, w.Change, w.Audit, cancellationToken),
                    RecordWrite.OutOfServiceSaved w => WriteOutOfServiceAsync(connection, transaction, w.Period, w.Audit, cancellationToken),
                    RecordWrite.RoomWindowSaved w => WriteRoomWindowAsync(connection, transaction, w.Window, w.Audit, cancellationToken),
                    RecordWrite.BreachReviewSaved w => WriteBreachReviewAsync(connection, transaction, w.Review, w.Audit, cancellationToken),
                    RecordWrite.AuditAppended w => AuditTrail.AppendAsync(connection, transaction, w.Audit, cancellationToken),
                    _ => throw new ArgumentException($"Unknown record write {write.GetType().Name}.", nameof(writes)),
                });
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Times come back in UTC (the offset of the entry's <see cref="AuditEntry.At"/> is not stored).</remarks>
    public async Task<IReadOnlyList<AuditRecord>> AuditTrailAsync(string? entityId, DateTimeOffset? since, DateTimeOffset? until,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        return await AuditTrail.ReadAsync(connection, entityId, since, until, cancellationToken);
    }

    public async Task<AuditVerification> VerifyAuditTrailAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        AuditVerification result;
        try
        {
            result = await AuditTrail.VerifyAsync(connection, AuditCheckpointFile.Read(options.Value.CheckpointPath), cancellationToken);
        }
        catch (FormatException ex)
        {
            result = new AuditVerification(false, 0, null, $"the audit checkpoint file cannot be read: {ex.Message}");
        }
        if (result.IsIntact)
        {
            logger.AuditTrailVerified(Path, result.Entries, result.Detail);
        }
        else
        {
            logger.AuditTrailBroken(Path, result.FirstBrokenSequence, result.Detail);
        }
        return result;
    }

    public async Task<AuditCheckpoint?> CheckpointAuditTrailAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var file = options.Value.CheckpointPath;
        await using var connection = await OpenReaderAsync(cancellationToken);
        var (entries, lastHash) = await AuditTrail.TailAsync(connection, cancellationToken);
        var written = AuditCheckpointFile.Read(file);
        if (entries == 0 || written.Count > 0 && written[^1].Sequence >= entries)
        {
            return null;
        }
        var checkpoint = new AuditCheckpoint(entries, lastHash, at);
        AuditCheckpointFile.Append(file, checkpoint);
        logger.AuditCheckpointed(Path, checkpoint.Sequence, checkpoint.Hash, at, file);
        return checkpoint;
    }

    public void Dispose()
    {
        _checkpoint.Wait();
        _writer?.Dispose();
        _engine.Dispose();
        _writeGate.Dispose();
    }

    private async Task WriteAsync(Func<DbConnection, DbTransaction, Task> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            var connection = _writer ?? throw NotInitialized();
            if (connection.State != System.Data.ConnectionState.Open)
            {
                // Only a server's connection breaks (PostgreSQL restarted or failed over): this write takes a new one,
                // and a server still down fails it like any other refused write.
                await connection.DisposeAsync();
                Volatile.Write(ref _writer, connection = await _engine.ReconnectWriterAsync(cancellationToken));
            }
            await using var transaction = await _engine.BeginWriteAsync(connection, cancellationToken);
            await write(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            if (_engine.Checkpoints && ++_commitsSinceCheckpoint >= CheckpointEvery && _checkpoint.IsCompleted)
            {
                _commitsSinceCheckpoint = 0;
                _checkpoint = Task.Run(CheckpointAsync, CancellationToken.None);
            }
        }
        catch (DbException ex)
        {
            // Callers know the record store, not the engine: a refused or failed write is the store's exception, with
            // the engine's words (a trigger's refusal says which rule) kept in the message.
            throw new RecordStoreException($"the record store {Path} did not take the write: {_engine.Explain(ex)}", ex);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Off the writer's path (the writer's automatic checkpoint is off, see <see cref="RecordDatabase"/>). A
    /// failure is logged and left to the next one: the committed pages are safe in the WAL meanwhile.</summary>
    private async Task CheckpointAsync()
    {
        try
        {
            var (walPages, checkpointed) = await _engine.CheckpointAsync(CancellationToken.None);
            logger.RecordCheckpointed(Path, walPages, checkpointed);
        }
        catch (DbException ex)
        {
            logger.RecordCheckpointFailed(Path, ex.Message);
        }
    }

    private async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _writer) is null)
        {
            throw NotInitialized();
        }
        return await _engine.OpenReaderAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> ReadRecordsAsync<T>(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.Command(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(RecordJson.Deserialize<T>(reader.GetString(0)));
        }
        return records;
    }

    private static async Task<string?> ScalarTextAsync(DbConnection connection, DbTransaction transaction, string sql, string key,
        CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, transaction).With("@key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static AuditEntry ForEntity(AuditEntry audit, string entityType, string entityId, string? oldValue, string newValue)
    {
        if (!string.IsNullOrEmpty(audit.EntityId) && !string.Equals(audit.EntityId, entityId, StringComparison.Ordinal))
        {
            // An entry filed under another id would be missing from the entity's trail: a caller bug, refused before writing.
            throw new ArgumentException($"The audit entry names entity '{audit.EntityId}' but the record saved is '{entityId}'.", nameof(audit));
        }
        return audit with
        {
            EntityType = string.IsNullOrEmpty(audit.EntityType) ? entityType : audit.EntityType,
            EntityId = entityId,
            OldValue = oldValue,
            NewValue = newValue,
        };
    }

    private InvalidOperationException NotInitialized() =>
        new($"The record store '{Path}' is not open: call InitializeAsync first (AddRecordStore does it at start-up).");
}
