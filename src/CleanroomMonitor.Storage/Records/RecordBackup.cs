using System.Globalization;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Buffer;
using Microsoft.Data.Sqlite;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Online backup and offline check of the record store. <see cref="BackupAsync"/> copies the live database with
/// SQLite's online backup API from its own connection: one consistent snapshot while the service goes on writing (WAL
/// readers never block the writer), written to a temporary file, checked, fsynced and then renamed into place, so a
/// file at the target path is always a complete, verified backup. <see cref="VerifyAsync"/> checks any copy: SQLite
/// integrity, schema version and the audit hash chain.</summary>
public static class RecordBackup
{
    /// <summary>Copies <paramref name="databasePath"/> to <paramref name="destinationPath"/> (which must not exist yet)
    /// and verifies the copy.</summary>
    /// <exception cref="RecordStoreException">No database at the source, the target exists, or the copy failed its check.</exception>
    public static async Task<RecordBackupReport> BackupAsync(string databasePath, string destinationPath, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(databasePath);
        var target = Path.GetFullPath(destinationPath);
        if (!File.Exists(source))
        {
            throw new RecordStoreException($"No record store at '{source}' (Records:Path).");
        }
        if (File.Exists(target))
        {
            throw new RecordStoreException($"'{target}' exists; a backup never overwrites one: choose a new name (e.g. with the date).");
        }
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await using (var from = new SqliteConnection(ConnectionString(source, SqliteOpenMode.ReadWrite)))
            await using (var to = new SqliteConnection(ConnectionString(partial, SqliteOpenMode.ReadWriteCreate)))
            {
                await from.OpenAsync(cancellationToken);
                await ExecuteAsync(from, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(int)RecordDatabase.BusyTimeout.TotalMilliseconds}"), cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);   // sqlite3_backup_step(-1): every page from one read snapshot
                // A backup is one self-contained file: no -wal or -shm beside it.
                await ExecuteAsync(to, "PRAGMA journal_mode = DELETE", cancellationToken);
            }
            var report = await VerifyAsync(partial, cancellationToken);
            if (!report.IsIntact)
            {
                throw new RecordStoreException($"The backup of '{source}' failed its check and was not kept: {report.Detail}");
            }
            await using (var file = new FileStream(partial, FileMode.Open, FileAccess.ReadWrite))
            {
                file.Flush(flushToDisk: true);
            }
            File.Move(partial, target);
            DirectorySync.Flush(folder);
            return report with { Path = target };
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Opens <paramref name="path"/> read-only and checks it: <c>PRAGMA integrity_check</c>, the schema version,
    /// and the audit trail's hash chain from the first entry. Counts the records it holds.</summary>
    public static async Task<RecordBackupReport> VerifyAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new RecordStoreException($"No file at '{full}'.");
        }
        await using var connection = new SqliteConnection(ConnectionString(full, SqliteOpenMode.ReadOnly));
        try
        {
            await connection.OpenAsync(cancellationToken);
            var integrity = await ScalarAsync(connection, "PRAGMA integrity_check", cancellationToken) as string;
            if (!string.Equals(integrity, "ok", StringComparison.Ordinal))
            {
                return new RecordBackupReport(full, false, 0, 0, 0, 0, $"PRAGMA integrity_check: {integrity}");
            }
            var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version", cancellationToken), CultureInfo.InvariantCulture);
            if (version is 0 or > RecordSchema.Version)
            {
                return new RecordBackupReport(full, false, version, 0, 0, 0,
                    $"schema version {version}; this release reads 1 to {RecordSchema.Version}");
            }
            var audit = await AuditTrail.VerifyAsync(connection, [], cancellationToken);   // a copy: later checkpoints are past its end by design
            var excursions = Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM excursions", cancellationToken), CultureInfo.InvariantCulture);
            var batches = Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM batches", cancellationToken), CultureInfo.InvariantCulture);
            return new RecordBackupReport(full, audit.IsIntact, version, audit.Entries, excursions, batches,
                audit.IsIntact ? $"audit trail intact: {audit.Detail}" : $"audit trail broken at entry {audit.FirstBrokenSequence}: {audit.Detail}");
        }
        catch (SqliteException ex)
        {
            return new RecordBackupReport(full, false, 0, 0, 0, 0, $"not a readable record store: {ex.Message}");
        }
    }

    private static string ConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
