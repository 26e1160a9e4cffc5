using System.Globalization;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Core.Trends;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Online backup and offline check of the record store. <see cref="BackupAsync"/> copies the live database with
/// SQLite's online backup API from its own connection: one consistent snapshot while the service goes on writing (WAL
/// readers never block the writer), written to a temporary file, checked, fsynced and then renamed into place, so a
/// file at the target path is always a complete, verified backup. <see cref="VerifyAsync"/> checks any copy: SQLite
/// integrity, schema version and the audit hash chain. <see cref="VerifyPostgresAsync"/> runs the same checks on a
/// PostgreSQL records database in place; its backup is the site's pg_dump or point-in-time recovery.</summary>
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
            return await CheckAsync(connection, full, version, cancellationToken);
        }
        catch (SqliteException ex)
        {
            return new RecordBackupReport(full, false, 0, 0, 0, 0, $"not a readable record store: {ex.Message}");
        }
    }

    /// <summary>Checks the configured PostgreSQL records database in place: its schema version, the audit trail's hash
    /// chain from the first entry and the same consistency checks as a SQLite copy. PostgreSQL has no counterpart of
    /// <c>PRAGMA integrity_check</c> built in; page-level damage is the server's and its backups' concern (data checksums,
    /// amcheck).</summary>
    public static async Task<RecordBackupReport> VerifyPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var location = string.Create(CultureInfo.InvariantCulture, $"{builder.Host}:{builder.Port}/{builder.Database}");
        // Read-only by construction, as the SQLite check opens its file read-only.
        builder.Options = ((builder.Options ?? "") + " -c default_transaction_read_only=on").Trim();
        builder.Pooling = false;
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            if (await ScalarAsync(connection, "SELECT to_regclass('record_schema') IS NOT NULL", cancellationToken) is not true)
            {
                return new RecordBackupReport(location, false, 0, 0, 0, 0, "no record store in this database (no record_schema table)");
            }
            var version = Convert.ToInt32(await ScalarAsync(connection, "SELECT version FROM record_schema WHERE id = 1", cancellationToken) ?? 0,
                CultureInfo.InvariantCulture);
            return await CheckAsync(connection, location, version, cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            return new RecordBackupReport(location, false, 0, 0, 0, 0, $"not a readable record store: {ex.Message}");
        }
    }

    /// <summary>What both engines check once the database is open: the schema version, the audit chain from the first
    /// entry, and the consistency of the records that carry their own proof.</summary>
    private static async Task<RecordBackupReport> CheckAsync(DbConnection connection, string full, int version, CancellationToken cancellationToken)
    {
        if (version is 0 or > RecordSchema.Version)
        {
            return new RecordBackupReport(full, false, version, 0, 0, 0,
                $"schema version {version}; this release reads 1 to {RecordSchema.Version}");
        }
        var audit = await AuditTrail.VerifyAsync(connection, [], cancellationToken);   // a copy: later checkpoints are past its end by design
        var excursions = Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM excursions", cancellationToken), CultureInfo.InvariantCulture);
        var batches = Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM batches", cancellationToken), CultureInfo.InvariantCulture);
        if (!audit.IsIntact)
        {
            return new RecordBackupReport(full, false, version, audit.Entries, excursions, batches,
                $"audit trail broken at entry {audit.FirstBrokenSequence}: {audit.Detail}");
        }
        var (issued, mismatch) = version >= 6 ? await VerifyIssuedReportsAsync(connection, cancellationToken) : (0, null);
        var (changes, orphan) = version >= 7 ? await VerifyLimitChangesAsync(connection, cancellationToken) : (0, null);
        mismatch ??= orphan;
        var (trendReviews, trendMismatch) = version >= 7 ? await VerifyTrendReviewsAsync(connection, cancellationToken) : (0, null);
        mismatch ??= trendMismatch;
        var (register, registerMismatch) = version >= 7 ? await VerifyCalibrationRegisterAsync(connection, cancellationToken) : (0, null);
        mismatch ??= registerMismatch;
        return new RecordBackupReport(full, mismatch is null, version, audit.Entries, excursions, batches,
            mismatch ?? string.Create(CultureInfo.InvariantCulture,
                $"audit trail intact: {audit.Detail}; {issued} issued report PDF(s) match their SHA-256; {changes} limit change(s), each decision and evidence of a stored change; {trendReviews} trend report review(s) match their signed record; {register} calibration register row(s) filed under their record's sensor"));
    }

    /// <summary>Each issued batch report's PDF must hash to the SHA-256 recorded with it (docs/reports.md "Review, approval and
    /// issue"): the stored file is what anyone is given as the print, so a changed byte is a broken record.</summary>
    /// <returns>How many were checked, and the first mismatch described, or null.</returns>
    private static async Task<(int Checked, string? Mismatch)> VerifyIssuedReportsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT batch, version, sha256, pdf FROM report_issues ORDER BY batch, version");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            count++;
            var actual = IssuedReport.HashOf((byte[])reader.GetValue(3));
            if (!string.Equals(actual, reader.GetString(2), StringComparison.Ordinal))
            {
                return (count, string.Create(CultureInfo.InvariantCulture,
                    $"issued report of batch {reader.GetString(0)} version {reader.GetInt64(1)}: the stored PDF's SHA-256 is {actual}, not the recorded {reader.GetString(2)}"));
            }
        }
        return (count, null);
    }

    /// <summary>Every decision and every piece of evidence must belong to a stored limit change (docs/gmp.md "Limit changes
    /// under change control"): one without its change is a decision on limits nobody can read, so the file is broken.</summary>
    /// <returns>How many changes are stored, and the first orphan described, or null.</returns>
    private static async Task<(long Count, string? Orphan)> VerifyLimitChangesAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var count = Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM limit_changes", cancellationToken), CultureInfo.InvariantCulture);
        var orphan = await ScalarAsync(connection,
            "SELECT 'limit change decision ' || sequence || ' names change ' || change_id || ', which is not stored' FROM limit_change_signatures " +
            "WHERE change_id NOT IN (SELECT id FROM limit_changes) UNION ALL " +
            "SELECT 'limit change evidence ' || sequence || ' names change ' || change_id || ', which is not stored' FROM limit_change_evidence " +
            "WHERE change_id NOT IN (SELECT id FROM limit_changes) LIMIT 1", cancellationToken) as string;
        return (count, orphan);
    }

    /// <summary>Each trend report review's columns (room, period, figures SHA-256) must be those of its signed record
    /// (docs/reports.md "Trend report"): the columns are what the report matches reviews by, the record is what was signed.</summary>
    /// <returns>How many were checked, and the first mismatch described, or null.</returns>
    private static async Task<(int Checked, string? Mismatch)> VerifyTrendReviewsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT sequence, room, from_at, to_at, figures_sha256, record FROM trend_report_reviews ORDER BY sequence");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            count++;
            var review = RecordJson.Deserialize<TrendReview>(reader.GetString(5));
            if (review.Room.Value != reader.GetString(1) || RecordTime.ToText(review.From) != reader.GetString(2) || RecordTime.ToText(review.To) != reader.GetString(3)
                || review.FiguresSha256 != reader.GetString(4))
            {
                return (count, string.Create(CultureInfo.InvariantCulture,
                    $"trend report review {reader.GetInt64(0)} of room {reader.GetString(1)}: its columns do not match its signed record (figures SHA-256 {review.FiguresSha256})"));
            }
        }
        return (count, null);
    }

    /// <summary>Each calibration register row (asset version, calibration, move) must be filed under the sensor its record
    /// names (docs/instruments.md "Calibration register"): the register and the flagging of readings find an instrument's
    /// history by the column, the record is what was entered, so a row moved to another sensor would give one instrument
    /// another's calibrations.</summary>
    /// <returns>How many were checked, and the first mismatch described, or null.</returns>
    private static async Task<(int Checked, string? Mismatch)> VerifyCalibrationRegisterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var (table, key, what, sensorOf) in RegisterTables)
        {
            await using var command = connection.Command($"SELECT {key}, sensor, record FROM {table} ORDER BY {key}");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                count++;
                var recorded = sensorOf(reader.GetString(2));
                if (recorded != reader.GetString(1))
                {
                    return (count, string.Create(CultureInfo.InvariantCulture,
                        $"{what} {reader.GetValue(0)} in {table}: filed under sensor {reader.GetString(1)}, but its record names sensor {recorded}"));
                }
            }
        }
        return (count, null);
    }

    private static readonly (string Table, string Key, string What, Func<string, string> SensorOf)[] RegisterTables =
    [
        ("instrument_assets", "sequence", "instrument asset version", json => RecordJson.Deserialize<InstrumentAsset>(json).Sensor.Value),
        ("calibrations", "id", "calibration", json => RecordJson.Deserialize<CalibrationRecord>(json).Sensor.Value),
        ("instrument_relocations", "id", "instrument move", json => RecordJson.Deserialize<InstrumentRelocation>(json).Sensor.Value),
    ];

    private static string ConnectionString(string path, SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString();

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
