using System.Data.Common;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using Microsoft.Data.Sqlite;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreAuditTests(RecordStoreFixture fixture) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string Genesis = new('0', 64);
    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SaveExcursionAsync_RaisedThenAcknowledged_AuditHoldsOldAndNewValues()
    {
        var sut = await _fixture.OpenAsync();
        var raised = Excursion();
        var acknowledged = raised with { Status = ExcursionStatus.Acknowledged };
        await sut.SaveExcursionAsync(raised, Audit("excursion.raised"), None);

        await sut.SaveExcursionAsync(acknowledged, new AuditEntry(T0.AddMinutes(2), "qa.jane", "QA", "excursion.acknowledged", "", "", null, null,
            "door left open during transfer"), None);

        var trail = await sut.AuditTrailAsync(raised.Id.ToString(), null, null, None);
        Assert.Equal(2, trail.Count);
        Assert.Equal(AuditEntity.Excursion, trail[0].Entry.EntityType);
        Assert.Null(trail[0].Entry.OldValue);
        RecordAssert.Equal(raised, RecordJson.Deserialize<Excursion>(trail[0].Entry.NewValue!));
        Assert.Equal(trail[0].Entry.NewValue, trail[1].Entry.OldValue);
        RecordAssert.Equal(acknowledged, RecordJson.Deserialize<Excursion>(trail[1].Entry.NewValue!));
        Assert.Equal(("qa.jane", "QA", "excursion.acknowledged", "door left open during transfer"),
            (trail[1].Entry.User, trail[1].Entry.Role, trail[1].Entry.Action, trail[1].Entry.Reason));
    }

    [Fact]
    public async Task AddRoomStateChangeAsync_SecondChange_AuditOldValueIsThePreviousState()
    {
        var sut = await _fixture.OpenAsync();
        var operating = new RoomStateChange(FillRoom, RoomState.InOperation, T0, "batch started", "operator.1");
        var cleanUp = new RoomStateChange(FillRoom, RoomState.CleanUp, T0.AddHours(3), "batch ended", "operator.1");
        await sut.AddRoomStateChangeAsync(operating, Audit("room.state_changed"), None);

        await sut.AddRoomStateChangeAsync(cleanUp, Audit("room.state_changed"), None);

        var last = (await sut.AuditTrailAsync(FillRoom.Value, null, null, None))[^1].Entry;
        Assert.Equal(AuditEntity.RoomState, last.EntityType);
        Assert.Equal(operating, RecordJson.Deserialize<RoomStateChange>(last.OldValue!));
        Assert.Equal(cleanUp, RecordJson.Deserialize<RoomStateChange>(last.NewValue!));
    }

    [Fact]
    public async Task SaveLimitVersionAsync_SecondVersion_AuditNamesOldAndNewVersion()
    {
        var sut = await _fixture.OpenAsync();
        await sut.SaveLimitVersionAsync("k", "v1", "alert[..20]", Audit("limits.changed"), None);

        await sut.SaveLimitVersionAsync("k", "v2", "alert[..15]", Audit("limits.changed"), None);

        var last = (await sut.AuditTrailAsync("k", null, null, None))[^1].Entry;
        Assert.Contains("\"Version\":\"v1\"", last.OldValue, StringComparison.Ordinal);
        Assert.Contains("\"Version\":\"v2\"", last.NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveExcursionAsync_CallerValuesForTheEntity_TypeKeptValuesFromTheStore()
    {
        var sut = await _fixture.OpenAsync();
        var excursion = Excursion();

        await sut.SaveExcursionAsync(excursion, new AuditEntry(T0, "system", "system", "excursion.raised", "alarm", excursion.Id.ToString(),
            "stale", "stale", null), None);

        var entry = (await sut.AuditTrailAsync(null, null, null, None)).Single().Entry;
        Assert.Equal(("alarm", excursion.Id.ToString(), null, RecordJson.Serialize(excursion)),
            (entry.EntityType, entry.EntityId, entry.OldValue, entry.NewValue));
    }

    [Fact]
    public async Task SaveBatchAsync_AuditNamesAnotherEntity_ThrowsAndWritesNothing()
    {
        var sut = await _fixture.OpenAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => sut.SaveBatchAsync(Batch(), Audit("batch.started", entityId: "B-OTHER"), None));

        Assert.Empty(await sut.BatchesAsync(None));
        Assert.Empty(await sut.AuditTrailAsync(null, null, null, None));
    }

    [Fact]
    public async Task SaveBatchAsync_EveryWrite_AppendsOneAuditEntry()
    {
        var sut = await _fixture.OpenAsync();

        await sut.SaveBatchAsync(Batch(), Audit("batch.started"), None);
        await sut.SaveBatchAsync(Batch(endedAt: T0.AddHours(1)), Audit("batch.ended"), None);

        var trail = await sut.AuditTrailAsync("B-2026-001", null, null, None);
        Assert.Equal(["batch.started", "batch.ended"], trail.Select(r => r.Entry.Action));
        Assert.All(trail, r => Assert.Equal(AuditEntity.Batch, r.Entry.EntityType));
    }

    [Fact]
    public async Task AppendAuditAsync_ThreeEntries_ChainFromGenesis()
    {
        var sut = await _fixture.OpenAsync();

        for (var i = 0; i < 3; i++)
        {
            await sut.AppendAuditAsync(Audit("user.login", T0.AddMinutes(i), "jane"), None);
        }

        var trail = await sut.AuditTrailAsync(null, null, null, None);
        Assert.Equal([1L, 2L, 3L], trail.Select(r => r.Sequence));
        Assert.Equal([Genesis, trail[0].Hash, trail[1].Hash], trail.Select(r => r.PreviousHash));
        Assert.All(trail, r => Assert.Matches("^[0-9a-f]{64}$", r.Hash));
    }

    [Fact]
    public async Task AppendAuditAsync_Entry_ReadsBackEqual()
    {
        var sut = await _fixture.OpenAsync();
        var entry = new AuditEntry(T0, "qa.jane", "QA", "user.created", "user", "op.7", null, "{\"name\":\"Ölaf\"}", "new starter");

        await sut.AppendAuditAsync(entry, None);

        Assert.Equal(entry, (await sut.AuditTrailAsync(null, null, null, None)).Single().Entry);
    }

    [Fact]
    public async Task AuditTrailAsync_ByEntityAndTime_ReturnsMatchingInSequence()
    {
        var sut = await _fixture.OpenAsync();
        for (var i = 0; i < 4; i++)
        {
            await sut.AppendAuditAsync(Audit("a", T0.AddMinutes(i), i % 2 == 0 ? "even" : "odd"), None);
        }

        var trail = await sut.AuditTrailAsync("even", T0.AddMinutes(1), T0.AddMinutes(3), None);

        Assert.Equal([3L], trail.Select(r => r.Sequence));
    }

    [Fact]
    public async Task VerifyAuditTrailAsync_EmptyTrail_IsIntact()
    {
        var sut = await _fixture.OpenAsync();

        var result = await sut.VerifyAuditTrailAsync(None);

        Assert.Equal(new AuditVerification(true, 0, null, "the audit trail is empty"), result);
    }

    [Fact]
    public async Task VerifyAuditTrailAsync_UntouchedTrail_IsIntact()
    {
        var sut = await SeededAsync(5);

        var result = await sut.VerifyAuditTrailAsync(None);

        Assert.True(result.IsIntact, result.Detail);
        Assert.Equal(5, result.Entries);
        Assert.True(_fixture.Logger.Has(3503));
    }

    [Theory]
    [InlineData("UPDATE audit SET reason = 'nothing happened' WHERE sequence = 3")]
    [InlineData("UPDATE audit SET at = '2026-01-05T06:00:00.0000000Z' WHERE sequence = 3")]
    [InlineData("UPDATE audit SET new_value = NULL WHERE sequence = 3")]
    public async Task VerifyAuditTrailAsync_RowModified_BrokenAtThatSequence(string tamper)
    {
        var sut = await SeededAsync(5);

        Tamper(tamper);

        var result = await sut.VerifyAuditTrailAsync(None);
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(2, result.Entries);
        Assert.True(_fixture.Logger.Has(3504));
    }

    [Fact]
    public async Task VerifyAuditTrailAsync_RowModifiedAndItsHashRecomputed_BrokenAtTheNextSequence()
    {
        var sut = await SeededAsync(5);
        var third = (await sut.AuditTrailAsync(null, null, null, None))[2];
        var forged = AuditChain.Hash(third.PreviousHash, 3, AuditRow.From(third.Entry with { Reason = "forged" }));

        Tamper($"UPDATE audit SET reason = 'forged', hash = '{forged}' WHERE sequence = 3");

        Assert.Equal(4, (await sut.VerifyAuditTrailAsync(None)).FirstBrokenSequence);
    }

    [Fact]
    public async Task VerifyAuditTrailAsync_RowDeleted_BrokenAtTheMissingSequence()
    {
        var sut = await SeededAsync(5);

        Tamper("DELETE FROM audit WHERE sequence = 2");

        var result = await sut.VerifyAuditTrailAsync(None);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("missing", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAuditTrailAsync_LastRowsDeletedThenWrittenOn_BrokenAtTheFirstMissing()
    {
        var sut = await SeededAsync(5);
        Tamper("DELETE FROM audit WHERE sequence >= 4");

        var cut = await sut.VerifyAuditTrailAsync(None);
        await sut.AppendAuditAsync(Audit("after.cut"), None);
        var writtenOn = await sut.VerifyAuditTrailAsync(None);

        Assert.Equal(4, cut.FirstBrokenSequence);
        Assert.Equal(4, writtenOn.FirstBrokenSequence);
        Assert.Equal(6L, (await sut.AuditTrailAsync(null, null, null, None))[^1].Sequence);
    }

    [Theory]
    [InlineData("UPDATE audit SET reason = 'x'")]
    [InlineData("DELETE FROM audit")]
    [InlineData("UPDATE room_states SET state = 'AtRest'")]
    [InlineData("DELETE FROM room_states")]
    [InlineData("UPDATE limit_versions SET version = 'x'")]
    [InlineData("DELETE FROM limit_versions")]
    [InlineData("DELETE FROM excursions")]
    [InlineData("DELETE FROM batches")]
    public async Task RawStatement_OnRecordsThatAreNeverChangedOrDeleted_IsRefusedByTrigger(string statement)
    {
        var sut = await SeededAsync(1);
        await sut.SaveBatchAsync(Batch(), Audit("batch.started"), None);
        await sut.AddRoomStateChangeAsync(new RoomStateChange(FillRoom, RoomState.InOperation, T0, "batch", "op"), Audit(), None);
        await sut.SaveLimitVersionAsync("k", "v1", "d", Audit(), None);

        var ex = Assert.ThrowsAny<DbException>(() => _fixture.ExecuteRaw(statement));

        Assert.Contains("refused", ex.Message, StringComparison.Ordinal);
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }

    [Fact]
    public async Task VerifyAuditTrailAsync_TrailRewrittenWithRecomputedHashesAfterACheckpoint_BrokenAtTheCheckpoint()
    {
        var sut = await SeededAsync(5);
        await sut.CheckpointAuditTrailAsync(T0.AddHours(1), None);

        await RewriteFromAsync(sut, 3, "nothing happened");

        using (var raw = _fixture.OpenRaw())
        {
            Assert.True((await AuditTrail.VerifyAsync(raw, [], None)).IsIntact);   // the chain alone no longer shows it
        }
        var result = await sut.VerifyAuditTrailAsync(None);
        Assert.False(result.IsIntact);   // the chain itself is consistent again: only the checkpoint shows the rewrite
        Assert.Equal(5, result.FirstBrokenSequence);
        Assert.Contains("rewritten", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAuditTrailAsync_CheckpointedEntriesCutOffAndTheCounterReset_BrokenAsCutShort()
    {
        var sut = await SeededAsync(5);
        await sut.CheckpointAuditTrailAsync(T0.AddHours(1), None);

        Tamper($"DELETE FROM audit WHERE sequence >= 4; {_fixture.SetHighestAuditSequenceSql(3)}");

        var result = await sut.VerifyAuditTrailAsync(None);
        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Contains("cut short", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointAuditTrailAsync_NothingNewSinceTheLast_WritesNoSecondLine()
    {
        var sut = await SeededAsync(3);

        var first = await sut.CheckpointAuditTrailAsync(T0.AddHours(1), None);
        var again = await sut.CheckpointAuditTrailAsync(T0.AddHours(2), None);
        await sut.AppendAuditAsync(Audit("later"), None);
        var later = await sut.CheckpointAuditTrailAsync(T0.AddHours(3), None);

        Assert.Equal(3, first!.Sequence);
        Assert.Null(again);
        Assert.Equal(4, later!.Sequence);
        var lines = File.ReadAllLines(_fixture.DatabasePath + ".checkpoints");
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"3 {first.Hash} ", lines[0], StringComparison.Ordinal);
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
        Assert.True(_fixture.Logger.Has(3509));
    }

    [Fact]
    public async Task VerifyAuditTrailAsync_CheckpointFileEdited_NotIntact()
    {
        var sut = await SeededAsync(2);
        await File.WriteAllTextAsync(_fixture.DatabasePath + ".checkpoints", "2 not-a-hash yesterday\n");

        var result = await sut.VerifyAuditTrailAsync(None);

        Assert.False(result.IsIntact);
        Assert.Contains("checkpoint file cannot be read", result.Detail, StringComparison.Ordinal);
    }

    // What an attacker with write access to the file can do against a plain hash chain: change an entry and recompute
    // every hash after it, so that the chain verifies on its own.
    private async Task RewriteFromAsync(RecordStore store, long from, string reason)
    {
        var trail = await store.AuditTrailAsync(null, null, null, None);
        var previous = trail.Single(r => r.Sequence == from).PreviousHash;
        var statements = new List<string>();
        foreach (var record in trail.Where(r => r.Sequence >= from))
        {
            var hash = AuditChain.Hash(previous, record.Sequence, AuditRow.From(record.Entry with { Reason = reason }));
            statements.Add($"UPDATE audit SET reason = '{reason}', previous_hash = '{previous}', hash = '{hash}' WHERE sequence = {record.Sequence}");
            previous = hash;
        }
        Tamper(string.Join("; ", statements));
    }

    private async Task<RecordStore> SeededAsync(int excursions)
    {
        var sut = await _fixture.OpenAsync();
        for (var i = 0; i < excursions; i++)
        {
            await sut.SaveExcursionAsync(Excursion(i), Audit(at: T0.AddMinutes(i)), None);
        }
        return sut;
    }

    /// <summary>What an attacker with write access to the database can do: drop the triggers, then edit.</summary>
    private void Tamper(string statement)
    {
        _fixture.DropTrigger("audit_no_update");
        _fixture.DropTrigger("audit_no_delete");
        _fixture.ExecuteRaw(statement);
    }
}

public sealed class RecordStoreAuditTests_Sqlite() : RecordStoreAuditTests(new RecordStoreFixture());

public sealed class RecordStoreAuditTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreAuditTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
