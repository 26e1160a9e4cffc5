using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using Microsoft.Data.Sqlite;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreTests(RecordStoreFixture fixture) : IDisposable
{
    private protected static readonly CancellationToken None = CancellationToken.None;
    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task SaveExcursionAsync_NewExcursion_FindReturnsEqualRecord()
    {
        var sut = await _fixture.OpenAsync();
        var excursion = Excursion(batches: ["B-2026-001", "B-2026-002"], duration: TimeSpan.FromMinutes(7));

        await sut.SaveExcursionAsync(excursion, Audit(), None);

        RecordAssert.Equal(excursion, await sut.FindExcursionAsync(excursion.Id, None));
    }

    [Fact]
    public async Task SaveExcursionAsync_OptionalFieldsNull_RoundTrips()
    {
        var sut = await _fixture.OpenAsync();
        var excursion = BareExcursion();

        await sut.SaveExcursionAsync(excursion, Audit(), None);

        RecordAssert.Equal(excursion, await sut.FindExcursionAsync(excursion.Id, None));
    }

    [Fact]
    public async Task SaveExcursionAsync_SameIdAgain_UpdatesTheCurrentState()
    {
        var sut = await _fixture.OpenAsync();
        var raised = Excursion();
        var acknowledged = raised with
        {
            Status = ExcursionStatus.Acknowledged,
            History = [.. raised.History, new ExcursionEntry(T0.AddMinutes(3), "acknowledged", LimitLevel.Action, "door left open", "qa.jane")],
        };
        await sut.SaveExcursionAsync(raised, Audit(), None);

        await sut.SaveExcursionAsync(acknowledged, Audit("excursion.acknowledged"), None);

        RecordAssert.Equal(acknowledged, await sut.FindExcursionAsync(raised.Id, None));
        Assert.Single(await sut.ExcursionsAsync(new ExcursionQuery(), None));
    }

    [Fact]
    public async Task FindExcursionAsync_UnknownId_ReturnsNull()
    {
        var sut = await _fixture.OpenAsync();

        Assert.Null(await sut.FindExcursionAsync(Guid.NewGuid(), None));
    }

    [Fact]
    public async Task SaveExcursionAsync_ClosedExcursionChangedAgain_IsRefusedAndNothingIsWritten()
    {
        var sut = await _fixture.OpenAsync();
        var closed = Excursion(status: ExcursionStatus.Closed, duration: TimeSpan.FromMinutes(5));
        await sut.SaveExcursionAsync(closed, Audit("excursion.closed"), None);

        var ex = await Assert.ThrowsAsync<RecordStoreException>(() =>
            sut.SaveExcursionAsync(closed with { Status = ExcursionStatus.Acknowledged }, Audit("excursion.reopened"), None));

        Assert.Contains("closed excursion is final", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExcursionStatus.Closed, (await sut.FindExcursionAsync(closed.Id, None))!.Status);
        Assert.Single(await sut.AuditTrailAsync(null, null, null, None));
    }

    [Fact]
    public async Task ExcursionsAsync_ByRoom_ReturnsThatRoomNewestFirst()
    {
        var sut = await _fixture.OpenAsync();
        var first = Excursion(0);
        var other = Excursion(5, room: PrepRoom, sensor: PrepCounter);
        var second = Excursion(10);
        foreach (var excursion in new[] { first, other, second })
        {
            await sut.SaveExcursionAsync(excursion, Audit(), None);
        }

        var found = await sut.ExcursionsAsync(new ExcursionQuery(Room: FillRoom), None);

        Assert.Equal([second.Id, first.Id], found.Select(e => e.Id));
    }

    [Fact]
    public async Task ExcursionsAsync_BySensor_ReturnsThatSensorOnly()
    {
        var sut = await _fixture.OpenAsync();
        var fill = Excursion(0);
        var prep = Excursion(5, room: PrepRoom, sensor: PrepCounter);
        await sut.SaveExcursionAsync(fill, Audit(), None);
        await sut.SaveExcursionAsync(prep, Audit(), None);

        var found = await sut.ExcursionsAsync(new ExcursionQuery(Sensor: PrepCounter), None);

        Assert.Equal([prep.Id], found.Select(e => e.Id));
    }

    [Fact]
    public async Task ExcursionsAsync_ByStatus_ReturnsThatStatusOnly()
    {
        var sut = await _fixture.OpenAsync();
        var open = Excursion(0);
        var acknowledged = Excursion(5, status: ExcursionStatus.Acknowledged);
        await sut.SaveExcursionAsync(open, Audit(), None);
        await sut.SaveExcursionAsync(acknowledged, Audit(), None);

        var found = await sut.ExcursionsAsync(new ExcursionQuery(Status: ExcursionStatus.Acknowledged), None);

        Assert.Equal([acknowledged.Id], found.Select(e => e.Id));
    }

    [Fact]
    public async Task ExcursionsAsync_ByBatch_ReturnsExcursionsNamingThatBatch()
    {
        var sut = await _fixture.OpenAsync();
        var both = Excursion(0, batches: ["B-2026-001", "B-2026-002"]);
        var firstOnly = Excursion(5, batches: ["B-2026-001"]);
        var none = Excursion(10, batches: []);
        foreach (var excursion in new[] { both, firstOnly, none })
        {
            await sut.SaveExcursionAsync(excursion, Audit(), None);
        }

        var found = await sut.ExcursionsAsync(new ExcursionQuery(Batch: "B-2026-002"), None);

        Assert.Equal([both.Id], found.Select(e => e.Id));
    }

    [Fact]
    public async Task ExcursionsAsync_BatchLinkedWhileOpen_IsFoundByTheNewBatch()
    {
        var sut = await _fixture.OpenAsync();
        var excursion = Excursion(0, batches: ["B-2026-001"]);
        await sut.SaveExcursionAsync(excursion, Audit(), None);

        await sut.SaveExcursionAsync(excursion with { Batches = ["B-2026-001", "B-2026-003"] }, Audit("excursion.batch_linked"), None);

        Assert.Equal([excursion.Id], (await sut.ExcursionsAsync(new ExcursionQuery(Batch: "B-2026-003"), None)).Select(e => e.Id));
    }

    // Excursions at minutes 0-10 (ended), 20-30 (ended) and 40-open; the range selects those that overlap it.
    [Theory]
    [InlineData(0, 5, new[] { 0 })]
    [InlineData(10, 20, new[] { 20, 0 })]
    [InlineData(11, 19, new int[0])]
    [InlineData(35, 1000, new[] { 40 })]
    [InlineData(null, 25, new[] { 20, 0 })]
    [InlineData(25, null, new[] { 40, 20 })]
    public async Task ExcursionsAsync_ByTimeRange_ReturnsOverlappingNewestFirst(int? fromMinutes, int? toMinutes, int[] expectedStarts)
    {
        var sut = await _fixture.OpenAsync();
        await sut.SaveExcursionAsync(Excursion(0, duration: TimeSpan.FromMinutes(10)), Audit(), None);
        await sut.SaveExcursionAsync(Excursion(20, duration: TimeSpan.FromMinutes(10)), Audit(), None);
        await sut.SaveExcursionAsync(Excursion(40), Audit(), None);
        // The range is given in UTC while the records carry +01:00: comparison is by instant.
        DateTimeOffset? At(int? minutes) => minutes is { } m ? T0.AddMinutes(m).ToUniversalTime() : null;

        var found = await sut.ExcursionsAsync(new ExcursionQuery(From: At(fromMinutes), To: At(toMinutes)), None);

        Assert.Equal(expectedStarts.Select(m => T0.AddMinutes(m)), found.Select(e => e.StartedAt));
    }

    [Fact]
    public async Task ExcursionsAsync_MoreThanLimit_ReturnsTheNewest()
    {
        var sut = await _fixture.OpenAsync();
        for (var i = 0; i < 5; i++)
        {
            await sut.SaveExcursionAsync(Excursion(i), Audit(), None);
        }

        var found = await sut.ExcursionsAsync(new ExcursionQuery(Limit: 2), None);

        Assert.Equal([T0.AddMinutes(4), T0.AddMinutes(3)], found.Select(e => e.StartedAt));
    }

    [Fact]
    public async Task ExcursionsAsync_ZeroLimit_Throws()
    {
        var sut = await _fixture.OpenAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sut.ExcursionsAsync(new ExcursionQuery(Limit: 0), None));
    }

    [Fact]
    public async Task OpenExcursionsAsync_AfterRestart_ReturnsUnclosedWithTheirStart()
    {
        var before = await _fixture.OpenAsync();
        var active = Excursion(0);
        var returned = Excursion(5, status: ExcursionStatus.ReturnedToNormal, duration: TimeSpan.FromMinutes(2));
        var closed = Excursion(10, status: ExcursionStatus.Closed, duration: TimeSpan.FromMinutes(2));
        foreach (var excursion in new[] { active, returned, closed })
        {
            await before.SaveExcursionAsync(excursion, Audit(), None);
        }
        before.Dispose();

        var after = await _fixture.OpenAsync();
        var open = await after.OpenExcursionsAsync(None);

        Assert.Equal(2, open.Count);
        RecordAssert.Equal(active, open[0]);
        RecordAssert.Equal(returned, open[1]);
    }

    [Fact]
    public async Task SaveBatchAsync_NewThenEnded_BatchesReturnsCurrentStateOldestFirst()
    {
        var sut = await _fixture.OpenAsync();
        var later = Batch("B-2026-002") with { StartedAt = T0 };
        var earlier = Batch("B-2026-001");
        var ended = earlier with { EndedAt = T0.AddHours(2), EndedBy = "operator.2" };
        await sut.SaveBatchAsync(later, Audit("batch.started"), None);
        await sut.SaveBatchAsync(earlier, Audit("batch.started"), None);

        await sut.SaveBatchAsync(ended, Audit("batch.ended"), None);

        var batches = await sut.BatchesAsync(None);
        Assert.Equal(2, batches.Count);
        RecordAssert.Equal(ended, batches[0]);
        RecordAssert.Equal(later, batches[1]);
    }

    [Fact]
    public async Task AddRoomStateChangeAsync_TwoChanges_KeepsBothOldestFirst()
    {
        var sut = await _fixture.OpenAsync();
        var operating = new RoomStateChange(FillRoom, RoomState.InOperation, T0, "batch B-2026-001 started", "operator.1");
        var cleanUp = new RoomStateChange(FillRoom, RoomState.CleanUp, T0.AddHours(3), "batch B-2026-001 ended", "operator.1");

        await sut.AddRoomStateChangeAsync(operating, Audit("room.state_changed"), None);
        await sut.AddRoomStateChangeAsync(cleanUp, Audit("room.state_changed"), None);

        var changes = await sut.RoomStateChangesAsync(None);
        Assert.Equal([operating, cleanUp], changes);
        RecordAssert.Exact(operating.At, changes[0].At);
    }

    [Fact]
    public async Task SaveLimitVersionAsync_TwoVersions_LatestIsReturnedAndHistoryKept()
    {
        var sut = await _fixture.OpenAsync();
        const string key = "B-FILL-PC01/ParticlesFiveMicron/InOperation";

        await sut.SaveLimitVersionAsync(key, "aaaaaaaaaaaa", "alert[..20] action[..29]", Audit("limits.changed"), None);
        await sut.SaveLimitVersionAsync(key, "bbbbbbbbbbbb", "alert[..15] action[..29]", Audit("limits.changed"), None);

        Assert.Equal("bbbbbbbbbbbb", await sut.LimitVersionAsync(key, None));
        Assert.Equal(2L, _fixture.ScalarRaw("SELECT count(*) FROM limit_versions"));
    }

    [Fact]
    public async Task LimitVersionAsync_UnknownKey_ReturnsNull()
    {
        var sut = await _fixture.OpenAsync();

        Assert.Null(await sut.LimitVersionAsync("no/such/key", None));
    }

    [Fact]
    public async Task SaveExcursionAsync_ManyConcurrentWriters_AllStoredAndChainIntact()
    {
        var sut = await _fixture.OpenAsync();
        var excursions = Enumerable.Range(0, 50).Select(i => Excursion(i)).ToList();

        await Task.WhenAll(excursions.Select(e => Task.Run(() => sut.SaveExcursionAsync(e, Audit(), None))));

        Assert.Equal(50, (await sut.ExcursionsAsync(new ExcursionQuery(), None)).Count);
        var verification = await sut.VerifyAuditTrailAsync(None);
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(50, verification.Entries);
    }

    [Fact]
    public async Task FindExcursionAsync_WhileAnotherConnectionHoldsTheWriteLock_ReturnsTheCommittedRecord()
    {
        var sut = await _fixture.OpenAsync();
        var excursion = Excursion();
        await sut.SaveExcursionAsync(excursion, Audit(), None);
        using var writer = _fixture.OpenRaw();
        using var transaction = writer.BeginTransaction();   // BEGIN IMMEDIATE: holds the write lock until disposed
        using var pending = writer.CreateCommand();
        pending.Transaction = transaction;
        pending.CommandText = "UPDATE excursions SET status = 'Acknowledged'";
        pending.ExecuteNonQuery();

        var found = await sut.FindExcursionAsync(excursion.Id, None);

        Assert.Equal(ExcursionStatus.Unacknowledged, found!.Status);   // WAL: the reader sees the last commit, without waiting
    }

    [Fact]
    public async Task SaveExcursionAsync_BeforeInitialize_ThrowsInvalidOperation()
    {
        var sut = _fixture.Create();

        await Assert.ThrowsAsync<InvalidOperationException>(() => sut.SaveExcursionAsync(Excursion(), Audit(), None));
    }
}

public sealed class RecordStoreTests_Sqlite() : RecordStoreTests(new RecordStoreFixture());

/// <summary>PostgreSQL only, besides the shared tests: the writer outlives a restart of the server.</summary>
public sealed class RecordStoreTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task SaveExcursionAsync_ServerRestarted_RefusedWhileDownThenStoredOnANewConnection()
    {
        var sut = await _fixture.OpenAsync();
        await sut.SaveExcursionAsync(Excursion(0), Audit(), None);

        await postgres.Server.StopAsync();
        await Assert.ThrowsAsync<RecordStoreException>(() => sut.SaveExcursionAsync(Excursion(1), Audit(), None));
        await postgres.Server.StartAgainAsync();
        await sut.SaveExcursionAsync(Excursion(2), Audit(), None);

        Assert.Equal(2, (await sut.ExcursionsAsync(new ExcursionQuery(), None)).Count);
        var verification = await sut.VerifyAuditTrailAsync(None);
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.Equal(2, verification.Entries);
    }
}
