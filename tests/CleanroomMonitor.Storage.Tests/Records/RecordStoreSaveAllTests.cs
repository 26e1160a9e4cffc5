using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

/// <summary>The engine's group commit: several changes in one transaction, in order, all or none.</summary>
public abstract class RecordStoreSaveAllTests(RecordStoreFixture fixture) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SaveAllAsync_BatchRoomStateAndExcursion_AllStoredWithTheirAuditEntriesInOrder()
    {
        var sut = await _fixture.OpenAsync();
        var batch = Batch();
        var operating = new RoomStateChange(FillRoom, RoomState.InOperation, T0, "batch started", "operator.1");
        var excursion = Excursion();

        await sut.SaveAllAsync([
            new RecordWrite.BatchSaved(batch, Audit("batch.started")),
            new RecordWrite.RoomStateAdded(operating, Audit("room.state-changed")),
            new RecordWrite.ExcursionSaved(excursion, Audit("excursion.raised")),
            new RecordWrite.AuditAppended(new AuditEntry(T0, "operator.1", "user", "room.window-declared", "room", FillRoom.Value, null, "{}", "media fill")),
        ], None);

        Assert.Equal(batch.Number, Assert.Single(await sut.BatchesAsync(None)).Number);
        Assert.Equal(operating, Assert.Single(await sut.RoomStateChangesAsync(None)));
        Assert.Equal(excursion.Id, Assert.Single(await sut.OpenExcursionsAsync(None)).Id);
        var trail = await sut.AuditTrailAsync(null, null, null, None);
        Assert.Equal(["batch.started", "room.state-changed", "excursion.raised", "room.window-declared"], trail.Select(r => r.Entry.Action));
        Assert.Equal(
            [AuditEntity.Batch, AuditEntity.RoomState, AuditEntity.Excursion, "room"],
            trail.Select(r => r.Entry.EntityType));
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }

    [Fact]
    public async Task SaveAllAsync_SameExcursionTwice_SecondAuditEntryHoldsTheFirstAsOldValue()
    {
        var sut = await _fixture.OpenAsync();
        var raised = Excursion();
        var escalated = raised with { Level = LimitLevel.Action };

        await sut.SaveAllAsync([
            new RecordWrite.ExcursionSaved(raised, Audit("excursion.raised")),
            new RecordWrite.ExcursionSaved(escalated, Audit("excursion.escalated")),
        ], None);

        var trail = await sut.AuditTrailAsync(raised.Id.ToString(), null, null, None);
        Assert.Equal(2, trail.Count);
        Assert.Equal(trail[0].Entry.NewValue, trail[1].Entry.OldValue);
        Assert.Equal(LimitLevel.Action, Assert.Single(await sut.OpenExcursionsAsync(None)).Level);
    }

    [Fact]
    public async Task SaveAllAsync_LastWriteRefused_NothingOfTheGroupIsWritten()
    {
        var sut = await _fixture.OpenAsync();
        await sut.SaveBatchAsync(Batch(), Audit("batch.started"), None);
        var before = await sut.AuditTrailAsync(null, null, null, None);

        await Assert.ThrowsAsync<ArgumentException>(() => sut.SaveAllAsync([
            new RecordWrite.ExcursionSaved(Excursion(), Audit("excursion.raised")),
            new RecordWrite.RoomStateAdded(new RoomStateChange(FillRoom, RoomState.InOperation, T0, "batch started", "operator.1"),
                Audit("room.state-changed")),
            new RecordWrite.BatchSaved(Batch(endedAt: T0.AddHours(1)), Audit("batch.ended", entityId: "B-OTHER")),
        ], None));

        Assert.Empty(await sut.OpenExcursionsAsync(None));
        Assert.Empty(await sut.RoomStateChangesAsync(None));
        Assert.Null(Assert.Single(await sut.BatchesAsync(None)).EndedAt);
        Assert.Equal(before.Count, (await sut.AuditTrailAsync(null, null, null, None)).Count);
    }

    [Fact]
    public async Task SaveAllAsync_Empty_WritesNothing()
    {
        var sut = await _fixture.OpenAsync();

        await sut.SaveAllAsync([], None);

        Assert.Empty(await sut.AuditTrailAsync(null, null, null, None));
    }
}

public sealed class RecordStoreSaveAllTests_Sqlite() : RecordStoreSaveAllTests(new RecordStoreFixture());

public sealed class RecordStoreSaveAllTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreSaveAllTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
