using System.Data;
using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The record store in a PostgreSQL database (<c>Records:ConnectionString</c>): the schema of
/// <see cref="PostgresRecordSchema"/>, one writer connection, pooled read-only readers.</summary>
/// <remarks>PostgreSQL starts at the current schema version: the upgrades of <see cref="RecordSchemaUpgrade"/> are the
/// history of SQLite files from older releases, and no PostgreSQL store was ever written by them.</remarks>
internal sealed class PostgresRecordEngine : RecordEngine
{
    /// <summary>Taken for the schema transaction, so two instances starting together do not both create the tables.</summary>
    private const long SchemaLockKey = 0x436c65616e524543;   // "CleanREC"

    /// <summary>Held by each write transaction, so the instances sharing the database append to the audit chain in turn.</summary>
    private const long WriteLockKey = 0x436c65616e575254;   // "CleanWRT"

    private readonly NpgsqlDataSource _writers;
    private readonly NpgsqlDataSource _readers;

    public PostgresRecordEngine(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database}");
        _writers = NpgsqlDataSource.Create(builder.ConnectionString);
        // Readers cannot write by construction, as SQLite's read-only connections: every transaction is read-only.
        builder.Options = ((builder.Options ?? "") + " -c default_transaction_read_only=on").Trim();
        _readers = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override RecordDialect Dialect => RecordDialect.Postgres;

    public override string Location { get; }

    public override async Task<OpenedDatabase> OpenWriterAsync(CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection = null;
        try
        {
            connection = await _writers.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = connection.Command("SELECT pg_advisory_xact_lock(@key)", transaction).With("@key", SchemaLockKey))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }
            var previousVersion = await VersionAsync(connection, transaction, cancellationToken);
            if (previousVersion > RecordSchema.Version)
            {
                throw new RecordStoreException(
                    $"The record store '{Location}' has schema version {previousVersion}, newer than this release understands ({RecordSchema.Version}). " +
                    "Run the release that wrote it, or restore the database from before the upgrade.");
            }
            if (previousVersion is > 0 and < RecordSchema.Version)
            {
                // Unreachable today (PostgreSQL stores start at the current version); a later version adds its step here.
                throw new RecordStoreException(
                    $"The record store '{Location}' has schema version {previousVersion}; this release has no PostgreSQL upgrade from it to {RecordSchema.Version}.");
            }
            var missingTriggers = previousVersion == 0 ? [] : await MissingTriggersAsync(connection, transaction, cancellationToken);
            await using (var create = connection.Command(PostgresRecordSchema.Create, transaction))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var version = connection.Command(
                    "INSERT INTO record_schema (id, version) VALUES (1, @version) ON CONFLICT (id) DO UPDATE SET version = excluded.version", transaction)
                .With("@version", RecordSchema.Version))
            {
                await version.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return new OpenedDatabase(connection, previousVersion, missingTriggers, []);
        }
        catch (NpgsqlException ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            throw new RecordStoreException($"Cannot open the record store '{Location}' (PostgreSQL): {Explain(ex)} " +
                "Check Records:ConnectionString, that the server is up, and that the user may create tables in the database.", ex);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            throw;
        }
    }

    public override async Task<DbConnection> ReconnectWriterAsync(CancellationToken cancellationToken) =>
        await _writers.OpenConnectionAsync(cancellationToken);

    public override async Task<DbConnection> OpenReaderAsync(CancellationToken cancellationToken) =>
        await _readers.OpenConnectionAsync(cancellationToken);

    // Every write appends to the one audit chain, whose next entry depends on the last: two instances reading the same
    // tail would both write its successor (one refused, its record lost with it). A lock held to the end of each write
    // transaction makes the instances append one after another; it costs one round trip per commit, and a commit
    // carries a whole group of changes. Under the lock READ COMMITTED sees the tail the previous holder committed.
    public override async Task<DbTransaction> BeginWriteAsync(DbConnection writer, CancellationToken cancellationToken)
    {
        var transaction = await writer.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            await using var serialise = writer.Command("SELECT pg_advisory_xact_lock(@key)", transaction).With("@key", WriteLockKey);
            await serialise.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    public override string Explain(DbException exception) => exception is PostgresException postgres
        ? $"{postgres.MessageText} (PostgreSQL {postgres.SqlState})"
        : exception.Message;

    public override void Dispose()
    {
        _writers.Dispose();
        _readers.Dispose();
    }

    /// <summary>The stored schema version; 0 for a database without the record store's tables.</summary>
    private static async Task<int> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var exists = connection.Command("SELECT to_regclass('record_schema') IS NOT NULL", transaction);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return 0;
        }
        await using var version = connection.Command("SELECT version FROM record_schema WHERE id = 1", transaction);
        return await version.ExecuteScalarAsync(cancellationToken) is int stored ? stored : 0;
    }

    private static async Task<IReadOnlyList<string>> MissingTriggersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.Command(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid " +
            "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            present.Add(reader.GetString(0));
        }
        return [.. RecordSchema.Triggers.Where(name => !present.Contains(name))];
    }
}
