using CleanroomMonitor.TestSupport;
using System.Data.Common;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using Microsoft.Data.Sqlite;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreWindowTests(RecordStoreFixture fixture) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private static AuditEntry WindowAudit(string action, string? reason = "AAV vector handling") =>
        new(T0, "operator.1", "user", action, AuditEntity.Room, FillRoom.Value, null, null, reason);

    [Fact]
    public async Task RoomWindowsAsync_AfterRestart_ReturnsEveryWindowByStartWithItsOffsets()
    {
        var first = await _fixture.OpenAsync();
        var later = Window(RoomWindowKind.Operation, fromMinutes: 30);
        var earlier = Window(RoomWindowKind.NonMonitoring, fromMinutes: -30);
        await first.SaveRoomWindowAsync(later, WindowAudit(AuditAction.WindowDeclared), None);
        await first.SaveRoomWindowAsync(earlier, WindowAudit(AuditAction.WindowDeclared), None);
        first.Dispose();

        var windows = await (await _fixture.OpenAsync()).RoomWindowsAsync(None);

        Assert.Equal(2, windows.Count);
        RecordAssert.Equal(earlier, windows[0]);
        RecordAssert.Equal(later, windows[1]);
    }

    [Fact]
    public async Task SaveRoomWindowAsync_EndedEarly_UpdatesTheOneRow()
    {
        var sut = await _fixture.OpenAsync();
        var declared = Window();
        var ended = declared with { To = T0.AddMinutes(45) };
        await sut.SaveRoomWindowAsync(declared, WindowAudit(AuditAction.WindowDeclared), None);

        await sut.SaveRoomWindowAsync(ended, WindowAudit(AuditAction.WindowEnded, "vector work finished early"), None);

        RecordAssert.Equal(ended, Assert.Single(await sut.RoomWindowsAsync(None)));
        Assert.Equal("2026-01-05T07:45:00.1234567Z", _fixture.ScalarRaw("SELECT to_at FROM room_windows"));
    }

    [Fact]
    public async Task SaveRoomWindowAsync_DeclaredThenEnded_AuditUnderTheRoomHoldsOldAndNewValues()
    {
        var sut = await _fixture.OpenAsync();
        var declared = Window();
        var ended = declared with { To = T0.AddMinutes(45) };
        await sut.SaveRoomWindowAsync(declared, WindowAudit(AuditAction.WindowDeclared), None);

        await sut.SaveRoomWindowAsync(ended, WindowAudit(AuditAction.WindowEnded, "vector work finished early") with { OldValue = "stale" }, None);

        var trail = await sut.AuditTrailAsync(FillRoom.Value, null, null, None);
        Assert.Equal([("room", "room.window-declared"), ("room", "room.window-ended")], trail.Select(r => (r.Entry.EntityType, r.Entry.Action)));
        Assert.Null(trail[0].Entry.OldValue);
        RecordAssert.Equal(declared, RecordJson.Deserialize<RoomWindow>(trail[0].Entry.NewValue!));
        Assert.Equal(trail[0].Entry.NewValue, trail[1].Entry.OldValue);
        RecordAssert.Equal(ended, RecordJson.Deserialize<RoomWindow>(trail[1].Entry.NewValue!));
        Assert.Equal(("operator.1", "vector work finished early"), (trail[1].Entry.User, trail[1].Entry.Reason));
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }

    [Fact]
    public async Task SaveRoomWindowAsync_AuditNamesAnotherRoom_ThrowsAndWritesNothing()
    {
        var sut = await _fixture.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sut.SaveRoomWindowAsync(Window(), WindowAudit(AuditAction.WindowDeclared) with { EntityId = PrepRoom.Value }, None));

        Assert.Empty(await sut.RoomWindowsAsync(None));
        Assert.Empty(await sut.AuditTrailAsync(null, null, null, None));
    }

    [Fact]
    public async Task RawDelete_RoomWindow_IsRefusedByTrigger()
    {
        var sut = await _fixture.OpenAsync();
        await sut.SaveRoomWindowAsync(Window(), WindowAudit(AuditAction.WindowDeclared), None);

        var ex = Assert.ThrowsAny<DbException>(() => _fixture.ExecuteRaw("DELETE FROM room_windows"));

        Assert.Contains("never deleted", ex.Message, StringComparison.Ordinal);
        Assert.Single(await sut.RoomWindowsAsync(None));
    }
}

public sealed class RecordStoreWindowTests_Sqlite() : RecordStoreWindowTests(new RecordStoreFixture());

public sealed class RecordStoreWindowTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreWindowTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
