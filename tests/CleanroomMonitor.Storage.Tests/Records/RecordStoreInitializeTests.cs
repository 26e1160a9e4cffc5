using System.Data.Common;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreInitializeTests(RecordStoreFixture fixture) : IDisposable
{
    private protected static readonly CancellationToken None = CancellationToken.None;
    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task InitializeAsync_NewDatabase_CreatesTheSchemaAndItsTriggers()
    {
        await _fixture.OpenAsync();

        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
        Assert.All(RecordSchema.Triggers, name => Assert.True(_fixture.HasTrigger(name), name));
        Assert.True(_fixture.Logger.Has(3502));
        Assert.True(_fixture.Logger.Has(3501));
    }

    [Fact]
    public async Task InitializeAsync_ExistingFile_KeepsRecordsAndChain()
    {
        var first = await _fixture.OpenAsync();
        var excursion = Excursion();
        await first.SaveExcursionAsync(excursion, Audit(), None);
        first.Dispose();

        var reopened = await _fixture.OpenAsync();
        await reopened.SaveExcursionAsync(Excursion(5), Audit(), None);

        RecordAssert.Equal(excursion, await reopened.FindExcursionAsync(excursion.Id, None));
        var verification = await reopened.VerifyAuditTrailAsync(None);
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(2, verification.Entries);
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
    }

    [Fact]
    public async Task InitializeAsync_CalledTwice_OpensOnce()
    {
        var sut = await _fixture.OpenAsync();

        await sut.InitializeAsync(None);

        Assert.Single(_fixture.Logger.Entries(), e => e.Id.Id == 3501);
    }

    [Fact]
    public async Task InitializeAsync_TriggerDroppedWhileClosed_RecreatesItAndReports()
    {
        (await _fixture.OpenAsync()).Dispose();
        _fixture.DropTrigger("audit_no_delete");

        await _fixture.OpenAsync();

        Assert.True(_fixture.HasTrigger("audit_no_delete"));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3505 && e.Message.Contains("audit_no_delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InitializeAsync_RoomWindowsTriggerDroppedWhileClosed_RecreatesItAndReports()
    {
        (await _fixture.OpenAsync()).Dispose();
        _fixture.DropTrigger("room_windows_no_delete");

        await _fixture.OpenAsync();

        Assert.True(_fixture.HasTrigger("room_windows_no_delete"));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3505 && e.Message.Contains("room_windows_no_delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_ThrowsRecordStoreException()
    {
        (await _fixture.OpenAsync()).Dispose();
        _fixture.SetSchemaVersion(99);
        var sut = _fixture.Create();

        var ex = await Assert.ThrowsAsync<RecordStoreException>(() => sut.InitializeAsync(None));

        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAuditTrailAsync_BeforeInitialize_ThrowsInvalidOperation()
    {
        var sut = _fixture.Create();

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.VerifyAuditTrailAsync(None));
    }

    [Fact]
    public async Task RecordStore_AsInterface_IsTheSqliteStore()
    {
        IRecordStore sut = await _fixture.OpenAsync();

        Assert.Empty(await sut.OpenExcursionsAsync(None));
    }
}

/// <summary>SQLite only, besides the shared tests: WAL mode, the file and its folder, and the upgrade of files written by
/// older releases (PostgreSQL stores start at the current schema version).</summary>
public sealed class RecordStoreInitializeTests_Sqlite() : RecordStoreInitializeTests(new RecordStoreFixture())
{
    [Fact]
    public async Task InitializeAsync_NewFile_CreatesTheSchemaInWalMode()
    {
        await _fixture.OpenAsync();

        Assert.Equal("wal", _fixture.ScalarRaw("PRAGMA journal_mode"));
        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
        Assert.True(_fixture.Logger.Has(3502));
        Assert.True(_fixture.Logger.Has(3501));
    }

    [Fact]
    public async Task InitializeAsync_Version1File_UpgradesKeepingRecordsAndChainWithoutATamperAlarm()
    {
        var first = await _fixture.OpenAsync();
        var excursion = Excursion();
        await first.SaveExcursionAsync(excursion, Audit(), None);
        await first.SaveBatchAsync(Batch(), Audit("batch.started"), None);
        first.Dispose();
        DowngradeToVersion1();

        var sut = await _fixture.OpenAsync();

        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        RecordAssert.Equal(excursion, await sut.FindExcursionAsync(excursion.Id, None));
        RecordAssert.Equal(Batch(), Assert.Single(await sut.BatchesAsync(None)));
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
        Assert.False(_fixture.Logger.Has(3505));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3506 && e.Message.Contains($"from schema 1 to {RecordSchema.Version}", StringComparison.Ordinal));
        var verification = await sut.VerifyAuditTrailAsync(None);
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(2, verification.Entries);
    }

    [Fact]
    public async Task InitializeAsync_Version1File_TakesTheDeclaredWindowsFromTheAuditTrail()
    {
        var first = await _fixture.OpenAsync();
        var open = Window(RoomWindowKind.Operation, hours: 8);
        var declared = Window(RoomWindowKind.NonMonitoring, fromMinutes: 60);
        var ended = declared with { To = T0.AddMinutes(90) };
        await first.AppendAuditAsync(AuditedAsInVersion1("room.window-declared", null, open), None);
        await first.AppendAuditAsync(AuditedAsInVersion1("room.window-declared", null, declared), None);
        await first.AppendAuditAsync(AuditedAsInVersion1("room.window-ended", declared, ended), None);
        first.Dispose();
        DowngradeToVersion1();

        var sut = await _fixture.OpenAsync();

        var windows = await sut.RoomWindowsAsync(None);
        Assert.Equal(2, windows.Count);
        RecordAssert.Equal(open, windows[0]);
        RecordAssert.Equal(ended, windows[1]);
        Assert.Equal(3, (await sut.VerifyAuditTrailAsync(None)).Entries);
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3506 && e.Message.Contains("2 window(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InitializeAsync_WindowTakenFromTheAuditTrailThenEnded_AuditOldValueIsTheAuditedWindow()
    {
        var first = await _fixture.OpenAsync();
        var open = Window(RoomWindowKind.Operation, hours: 8);
        var declaredEntry = AuditedAsInVersion1("room.window-declared", null, open);
        await first.AppendAuditAsync(declaredEntry, None);
        first.Dispose();
        DowngradeToVersion1();
        var sut = await _fixture.OpenAsync();

        await sut.SaveRoomWindowAsync(open with { To = T0.AddHours(1) }, AuditedAsInVersion1("room.window-ended", null, open), None);

        Assert.Equal(declaredEntry.NewValue, (await sut.AuditTrailAsync(FillRoom.Value, null, null, None))[^1].Entry.OldValue);
    }

    [Fact]
    public async Task InitializeAsync_Version1FileWithAnUnreadableWindowEntry_RefusesAndLeavesTheFileAtVersion1()
    {
        var first = await _fixture.OpenAsync();
        await first.AppendAuditAsync(new AuditEntry(T0, "operator.1", "user", "room.window-declared", "room", FillRoom.Value, null,
            "{\"Id\":\"not-a-guid\"}", "damaged"), None);
        first.Dispose();
        DowngradeToVersion1();
        var sut = _fixture.Create();

        var ex = await Assert.ThrowsAsync<RecordStoreException>(() => sut.InitializeAsync(None));

        Assert.Contains("audit entry 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1L, _fixture.SchemaVersion());
        Assert.Equal(0L, _fixture.ScalarRaw("SELECT count(*) FROM sqlite_master WHERE name = 'room_windows'"));
    }

    [Fact]
    public async Task InitializeAsync_MissingFolder_CreatesIt()
    {
        var sut = _fixture.Create(_fixture.Combine("nested", "deeper", "records.db"));

        await sut.InitializeAsync(None);

        Assert.True(File.Exists(_fixture.Combine("nested", "deeper", "records.db")));
    }

    [Fact]
    public async Task InitializeAsync_NotADatabase_ThrowsRecordStoreExceptionNamingTheFile()
    {
        await File.WriteAllBytesAsync(_fixture.DatabasePath, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7 % 251))]);
        var sut = _fixture.Create();

        var ex = await Assert.ThrowsAsync<RecordStoreException>(() => sut.InitializeAsync(None));

        Assert.Contains(_fixture.DatabasePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_DamagedPages_ThrowsRecordStoreException()
    {
        var first = await _fixture.OpenAsync();
        for (var i = 0; i < 50; i++)
        {
            await first.SaveExcursionAsync(Excursion(i), Audit(), None);
        }
        first.Dispose();
        await using (var file = new FileStream(_fixture.DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096 + 16;   // inside page 2, past the header that says the file is SQLite
            file.Write(Enumerable.Repeat((byte)0xA5, 3000).ToArray());
        }
        var sut = _fixture.Create();

        var ex = await Assert.ThrowsAsync<RecordStoreException>(() => sut.InitializeAsync(None));

        Assert.Contains("damaged", ex.Message, StringComparison.Ordinal);
    }

    // A read-only folder is not testable here: the tests may run as root, which may write anywhere. These locations
    // cannot hold the database for any user, and SQLite reports them through the same CANTOPEN error.
    [Fact]
    public async Task InitializeAsync_FolderIsAFile_ThrowsRecordStoreException()
    {
        await File.WriteAllTextAsync(_fixture.Combine("data"), "not a folder");
        var sut = _fixture.Create(_fixture.Combine("data", "records.db"));

        var ex = await Assert.ThrowsAsync<RecordStoreException>(() => sut.InitializeAsync(None));

        Assert.Contains("data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_PathIsAFolder_ThrowsRecordStoreException()
    {
        Directory.CreateDirectory(_fixture.DatabasePath);
        var sut = _fixture.Create();

        var ex = await Assert.ThrowsAsync<RecordStoreException>(() => sut.InitializeAsync(None));

        Assert.Contains("CANTOPEN", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A file as the release before room windows were kept left it: the same tables without <c>room_windows</c>
    /// (nor <c>breach_reviews</c>, of version 3), schema version 1.</summary>
    private void DowngradeToVersion1() =>
        _fixture.ExecuteRaw("DROP TRIGGER room_windows_no_delete; DROP INDEX ix_room_windows_room; DROP TABLE room_windows; " +
                            "DROP TRIGGER breach_reviews_no_update; DROP TRIGGER breach_reviews_no_delete; DROP INDEX ix_breach_reviews_batch; DROP TABLE breach_reviews; " +
                            "PRAGMA user_version = 1;");

    /// <summary>How the version 1 engine recorded a window change: an audit entry under the room, the window as new value, no row.</summary>
    private static AuditEntry AuditedAsInVersion1(string action, RoomWindow? before, RoomWindow after) =>
        new(T0, "operator.1", "user", action, "room", after.Room.Value, before is null ? null : RecordJson.Serialize(before), RecordJson.Serialize(after),
            "as audited before windows were kept");
}

/// <summary>PostgreSQL only, besides the shared tests: the schema is SQLite's, and a refused connection says where without
/// the password.</summary>
public sealed class RecordStoreInitializeTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreInitializeTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task InitializeAsync_NewDatabase_HasSqlitesTablesAndColumns()
    {
        await _fixture.OpenAsync();
        using var sqlite = new RecordStoreFixture();
        await sqlite.OpenAsync();

        var expected = Columns(sqlite, "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p " +
                                       "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'");
        var actual = Columns(_fixture, "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' " +
                                       "AND column_name <> 'rowid' AND table_name NOT IN ('record_schema', 'audit_sequence')");

        Assert.Equal(expected, actual);
        Assert.Contains("audit.user", actual);
    }

    [Fact]
    public async Task InitializeAsync_WrongPassword_ThrowsRecordStoreExceptionNamingTheDatabaseNotThePassword()
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(_fixture.ConnectionString) { Password = "not-the-password" };
        var options = _fixture.Options();
        options.ConnectionString = builder.ConnectionString;
        using var sut = new RecordStore(Microsoft.Extensions.Options.Options.Create(options), _fixture.Logger);

        var ex = await Assert.ThrowsAsync<RecordStoreException>(() => sut.InitializeAsync(None));

        Assert.Contains($"{builder.Host}:{builder.Port}/{builder.Database}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Records:ConnectionString", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", ex.Message, StringComparison.Ordinal);
    }

    private static SortedSet<string> Columns(RecordStoreFixture fixture, string sql)
    {
        using var connection = fixture.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = new SortedSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }
        return columns;
    }
}
