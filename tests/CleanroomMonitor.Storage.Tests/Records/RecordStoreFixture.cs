using Microsoft.Extensions.Logging.Testing;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Tests.Records;

/// <summary>A record store on a real SQLite file in a fresh temp folder, plus raw access to the file the way an
/// operator (or an attacker) with file access has it.</summary>
public sealed class RecordStoreFixture : IDisposable
{
    private readonly TempDirectory _directory = new("records");
    private readonly List<SqliteRecordStore> _stores = [];

    public string DatabasePath => _directory.Combine("records.db");

    public FakeLogger<SqliteRecordStore> Logger { get; } = new();

    public string Combine(params string[] parts) => _directory.Combine(parts);

    /// <summary>A new store instance on <paramref name="path"/> (default: the fixture's file); a second call is a restart.</summary>
    public SqliteRecordStore Create(string? path = null)
    {
        var store = new SqliteRecordStore(Options.Create(new RecordsOptions { Path = path ?? DatabasePath }), Logger);
        _stores.Add(store);
        return store;
    }

    public async Task<SqliteRecordStore> OpenAsync()
    {
        var store = Create();
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public int ExecuteRaw(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public object? ScalarRaw(string sql)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }
        _directory.Dispose();
    }
}
