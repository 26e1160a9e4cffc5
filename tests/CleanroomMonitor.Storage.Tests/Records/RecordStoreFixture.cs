using System.Data.Common;
using Microsoft.Extensions.Logging.Testing;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanroomMonitor.Storage.Tests.Records;

/// <summary>A record store on a real engine: a SQLite file in a fresh temp folder, or a PostgreSQL database of its own
/// on a shared server; plus raw access to the database the way an operator (or an attacker) with direct access has it.</summary>
public sealed class RecordStoreFixture : IDisposable
{
    private readonly TempDirectory _directory = new("records");
    private readonly List<RecordStore> _stores = [];
    private readonly string? _postgres;

    /// <summary>A SQLite file in a fresh temp folder.</summary>
    public RecordStoreFixture()
    {
    }

    private RecordStoreFixture(string postgresConnectionString) => _postgres = postgresConnectionString;

    /// <summary>An empty database of its own on <paramref name="server"/>. Created synchronously: test classes build
    /// their fixture in the constructor.</summary>
    public static RecordStoreFixture OnPostgres(PostgresProcess server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var name = "records_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server.ConnectionString()))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return new RecordStoreFixture(server.ConnectionString(name));
    }

    public RecordsProvider Provider => _postgres is null ? RecordsProvider.Sqlite : RecordsProvider.Postgres;

    /// <summary>The SQLite file; on PostgreSQL the (unused) file whose name the checkpoint file follows.</summary>
    public string DatabasePath => _directory.Combine("records.db");

    /// <summary>The audit checkpoint file of <see cref="Create"/>'s stores.</summary>
    public string CheckpointPath => DatabasePath + ".checkpoints";

    public string? ConnectionString => _postgres;

    public FakeLogger<RecordStore> Logger { get; } = new();

    public string Combine(params string[] parts) => _directory.Combine(parts);

    public RecordsOptions Options(string? path = null) => new()
    {
        Provider = Provider,
        ConnectionString = _postgres,
        Path = path ?? DatabasePath,
    };

    /// <summary>A new store instance on <paramref name="path"/> (default: the fixture's file; SQLite only); a second
    /// call is a restart.</summary>
    public RecordStore Create(string? path = null)
    {
        var store = new RecordStore(Microsoft.Extensions.Options.Options.Create(Options(path)), Logger);
        _stores.Add(store);
        return store;
    }

    public async Task<RecordStore> OpenAsync()
    {
        var store = Create();
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public DbConnection OpenRaw()
    {
        DbConnection connection = _postgres is null
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString())
            : new NpgsqlConnection(_postgres);
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> directly. On PostgreSQL the two SQLite spellings the tamper tests use are
    /// rewritten: <c>DROP TRIGGER name</c> gets its table (<c>ON table</c>), and a blob literal <c>x'..'</c> becomes bytea.</summary>
    public int ExecuteRaw(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = _postgres is null ? sql : ForPostgres(sql);
        return command.ExecuteNonQuery();
    }

    /// <summary>Checks the store as <c>records verify</c> does: the SQLite file, or the PostgreSQL database in place.</summary>
    public Task<RecordBackupReport> VerifyStoreAsync() => _postgres is null
        ? RecordBackup.VerifyAsync(DatabasePath, CancellationToken.None)
        : RecordBackup.VerifyPostgresAsync(_postgres, CancellationToken.None);

    private string ForPostgres(string sql)
    {
        sql = System.Text.RegularExpressions.Regex.Replace(sql, @"DROP TRIGGER (\w+)(?! ON)", drop =>
            $"DROP TRIGGER {drop.Groups[1].Value} ON {ScalarRaw($"SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = '{drop.Groups[1].Value}'")}");
        return System.Text.RegularExpressions.Regex.Replace(sql, @"\bx'([0-9A-Fa-f]*)'", blob => $"'\\x{blob.Groups[1].Value}'::bytea");
    }

    public object? ScalarRaw(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>The stored schema version (SQLite's user_version, PostgreSQL's record_schema row).</summary>
    public long SchemaVersion() => Convert.ToInt64(
        ScalarRaw(_postgres is null ? "PRAGMA user_version" : "SELECT version FROM record_schema"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sets the stored schema version behind the store's back.</summary>
    public void SetSchemaVersion(int version) =>
        ExecuteRaw(_postgres is null ? $"PRAGMA user_version = {version}" : $"UPDATE record_schema SET version = {version}");

    /// <summary>The append-only triggers in the database.</summary>
    public long TriggerCount() => (long)ScalarRaw(_postgres is null
        ? "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
        : "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")!;

    public bool HasTrigger(string name) => (long)ScalarRaw(_postgres is null
        ? $"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = '{name}'"
        : $"SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname = '{name}'")! == 1;

    /// <summary>Drops a trigger the way someone with direct access would (PostgreSQL names a trigger with its table).</summary>
    public void DropTrigger(string name) => ExecuteRaw($"DROP TRIGGER {name}");

    /// <summary>The statement that sets the audit trail's highest-ever sequence, as someone hiding a cut would.</summary>
    public string SetHighestAuditSequenceSql(long sequence) => _postgres is null
        ? $"UPDATE sqlite_sequence SET seq = {sequence} WHERE name = 'audit'"
        : $"UPDATE audit_sequence SET seq = {sequence} WHERE name = 'audit'";

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
        _directory.Dispose();
    }
}
