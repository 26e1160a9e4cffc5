using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Opens the record store's SQLite file: the one writer connection (schema, WAL, durability settings) and the
/// pooled read-only connections, and turns SQLite's open errors into a <see cref="RecordStoreException"/> that says
/// what to check.</summary>
internal sealed class RecordDatabase
{
    /// <summary>How long a statement waits for a lock held by another connection (a backup, an operator's sqlite3 shell)
    /// before it fails with SQLITE_BUSY.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly string _writerConnectionString;
    private readonly string _readerConnectionString;
    private readonly string _checkpointConnectionString;

    public RecordDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        // The writer is not pooled: disposing it closes the file, which checkpoints the WAL into the database.
        _writerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();
        // The checkpointer copies WAL pages into the database file, so it must write; it never opens a transaction.
        _checkpointConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString();
        // Readers cannot write by construction; pooled, because the API opens one per request.
        _readerConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Opens the writer, checks the file and creates or migrates the schema (re-creating any trigger that was
    /// dropped).</summary>
    public async Task<OpenedDatabase> OpenWriterAsync(CancellationToken cancellationToken)
    {
        CreateFolder();
        var connection = new SqliteConnection(_writerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var journalMode = await ScalarAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
            if (!string.Equals(journalMode as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new RecordStoreException(
                    $"The record store '{Path}' cannot use WAL mode (SQLite answered journal_mode '{journalMode}'). WAL is needed so " +
                    "reads never wait for the excursion writer; put Records:Path on a local disk.");
            }
            // synchronous = FULL: in WAL mode every commit is fsynced, so an excursion record that was written before its
            // alert went out survives a power cut (NORMAL could lose the last commits: the alert would exist without
            // its GMP record). Measured on the development machine (ext4 on virtio, 10,000 back-to-back saves while other
            // builds ran): SaveExcursionAsync p50 0.3-0.4 ms, p99 2-6 ms with FULL; NORMAL gave p50 0.12 ms but the same
            // p99 (~5 ms: the tail is fsync jitter and checkpoints, which NORMAL does not remove), so NORMAL buys nothing
            // at the tail the 10 ms publish-to-alert budget cares about.
            // recursive_triggers = ON: an INSERT OR REPLACE then fires the DELETE triggers too, so not even REPLACE can
            // remove an audit entry unseen.
            // wal_autocheckpoint = 0: SQLite's automatic checkpoint runs inside the commit that crosses 1,000 WAL pages,
            // copying them into the database and fsyncing it in front of whatever alert that commit was for (a spike every
            // few seconds under load). The store checkpoints on a connection of its own instead (CheckpointAsync).
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA recursive_triggers = ON; PRAGMA wal_autocheckpoint = 0;"),
                cancellationToken);

            var check = await ScalarAsync(connection, "PRAGMA quick_check", cancellationToken) as string;
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
            {
                throw new RecordStoreException(
                    $"The record store '{Path}' is damaged (PRAGMA quick_check: {check}). Keep the file for the investigation and restore the last backup.");
            }

            var previousVersion = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken), CultureInfo.InvariantCulture);
            if (previousVersion > RecordSchema.Version)
            {
                throw new RecordStoreException(
                    $"The record store '{Path}' has schema version {previousVersion}, newer than this release understands ({RecordSchema.Version}). " +
                    "Run the release that wrote it, or restore a backup made before the upgrade.");
            }
            var missingTriggers = previousVersion == 0 ? [] : await MissingTriggersAsync(connection, previousVersion, cancellationToken);
            IReadOnlyList<string> upgrades;
            await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
            {
                await ExecuteAsync(connection, RecordSchema.Create, cancellationToken, transaction);
                // In the same transaction as the new tables and the version: an upgrade is done completely or not at all.
                upgrades = await RecordSchemaUpgrade.RunAsync(connection, transaction, previousVersion, cancellationToken);
                // A PRAGMA takes no parameters; the value is a compile-time constant.
                await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {RecordSchema.Version}"),
                    cancellationToken, transaction);
                await transaction.CommitAsync(cancellationToken);
            }
            return new OpenedDatabase(connection, previousVersion, missingTriggers, upgrades);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw new RecordStoreException(Describe(ex), ex);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readerConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}"),
                cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Copies the WAL's committed pages into the database file on a connection of its own, beside the writer
    /// (PASSIVE: it waits for no reader and no writer, and does what it can).</summary>
    /// <returns>The WAL's pages and how many of them are now in the database file.</returns>
    public async Task<(long WalPages, long Checkpointed)> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_checkpointConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.Command("PRAGMA wal_checkpoint(PASSIVE)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    /// <summary>Closes the pooled readers (the writer is closed by its owner).</summary>
    public void ClearReaderPool()
    {
        using var connection = new SqliteConnection(_readerConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static async Task<IReadOnlyList<string>> MissingTriggersAsync(SqliteConnection connection, int version, CancellationToken cancellationToken)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using var command = connection.Command("SELECT name FROM sqlite_master WHERE type = 'trigger'");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            present.Add(reader.GetString(0));
        }
        return [.. RecordSchema.TriggersOf(version).Where(name => !present.Contains(name))];
    }

    private void CreateFolder()
    {
        var folder = System.IO.Path.GetDirectoryName(Path);
        try
        {
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RecordStoreException(
                $"Cannot create the folder '{folder}' for the record store '{Path}': {ex.Message} Check Records:Path and the service user's rights.", ex);
        }
    }

    private string Describe(SqliteException ex) => ex.SqliteErrorCode switch
    {
        14 => $"Cannot open or create the record store '{Path}' (SQLite error 14, CANTOPEN). Check Records:Path: the folder must exist " +
              "and be writable by the service user, because SQLite creates the database and its -wal and -shm files there.",
        8 => $"The record store '{Path}' is read-only (SQLite error 8, READONLY). The service must be able to write the file and its folder.",
        26 => $"'{Path}' is not a SQLite database (SQLite error 26, NOTADB): the file is damaged or is something else. " +
              "Keep it for the investigation and restore the last backup.",
        11 => $"The record store '{Path}' is damaged (SQLite error 11, CORRUPT). Keep the file for the investigation and restore the last backup.",
        5 => $"The record store '{Path}' is locked by another process (SQLite error 5, BUSY) for longer than {BusyTimeout}. " +
             "Is a second service instance running on the same file?",
        _ => $"Cannot open the record store '{Path}': {ex.Message}",
    };

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken,
        SqliteTransaction? transaction = null)
    {
        await using var command = connection.Command(sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
