using CleanroomMonitor.Core.Partitions;
using CleanroomMonitor.Storage.Cluster;
using CleanroomMonitor.TestSupport;
using Npgsql;

namespace CleanroomMonitor.Storage.Tests.Cluster;

/// <summary>Partition leases in a real PostgreSQL 15: races, renewal, expiry by the database clock, release, and
/// fencing of a stale owner's write.</summary>
public sealed class LeaseTableTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private static readonly PartitionId Suite = new("suite-1");
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);
    private NpgsqlDataSource _dataSource = null!;
    private LeaseTable _sut = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());
        await ClusterSchema.EnsureCreatedAsync(_dataSource, CancellationToken.None);
        _sut = new LeaseTable(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task TryAcquire_EightOwnersRacing_ExactlyOneWins()
    {
        var owners = Enumerable.Range(1, 8).Select(i => "instance-" + i).ToList();

        var results = await Task.WhenAll(owners.Select(o => Task.Run(() => _sut.TryAcquireAsync(Suite, o, Long, CancellationToken.None))));

        var winner = Assert.Single(results, r => r is not null)!;
        Assert.Equal(1, winner.Epoch);
        var row = Assert.Single(await _sut.ListAsync(CancellationToken.None));
        Assert.Equal(winner, row.Lease);
        Assert.True(row.IsLive);
    }

    [Fact]
    public async Task Renew_ByTheHolder_KeepsEpochAndExtendsExpiry()
    {
        var lease = (await _sut.TryAcquireAsync(Suite, "a", Short, CancellationToken.None))!;

        var renewed = await _sut.RenewAsync(lease, Long, CancellationToken.None);

        Assert.NotNull(renewed);
        Assert.Equal(lease.Epoch, renewed.Epoch);
        Assert.True(renewed.ExpiresAt > lease.ExpiresAt + TimeSpan.FromMinutes(4), $"{renewed.ExpiresAt:o} after {lease.ExpiresAt:o}");
        Assert.Null(await _sut.TryAcquireAsync(Suite, "b", Long, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquire_OwnLiveLeaseAgain_KeepsEpoch()
    {
        var first = (await _sut.TryAcquireAsync(Suite, "a", Long, CancellationToken.None))!;

        var again = await _sut.TryAcquireAsync(Suite, "a", Long, CancellationToken.None);

        Assert.Equal(first.Epoch, again?.Epoch);
    }

    [Fact]
    public async Task TryAcquire_HolderStopsRenewing_OtherTakesItAfterExpiryWithNextEpochAndOldHolderIsRefused()
    {
        var stale = (await _sut.TryAcquireAsync(Suite, "a", Short, CancellationToken.None))!;
        Assert.Null(await _sut.TryAcquireAsync(Suite, "b", Long, CancellationToken.None));

        Lease? taken = null;
        await Eventually.UntilAsync(async ct => (taken = await _sut.TryAcquireAsync(Suite, "b", Long, ct)) is not null,
            TimeSpan.FromSeconds(10), "b takes the partition after a's lease expired");

        Assert.Equal(stale.Epoch + 1, taken!.Epoch);
        Assert.Equal("b", taken.Owner);
        Assert.Null(await _sut.RenewAsync(stale, Long, CancellationToken.None));
        Assert.False(await _sut.ReleaseAsync(stale, CancellationToken.None));
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var refused = await Assert.ThrowsAsync<LeaseFenceException>(() => LeaseFence.FenceAsync(transaction, Suite, stale.Epoch, CancellationToken.None));
        Assert.Contains("current epoch is 2", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renew_AfterExpiry_IsRefusedAndNeverRevivesTheLease()
    {
        var lease = (await _sut.TryAcquireAsync(Suite, "a", Short, CancellationToken.None))!;
        await Eventually.UntilAsync(async ct => !(await _sut.ListAsync(ct)).Single().IsLive, TimeSpan.FromSeconds(10), "the lease expires");

        Assert.Null(await _sut.RenewAsync(lease, Long, CancellationToken.None));
        var again = await _sut.TryAcquireAsync(Suite, "a", Long, CancellationToken.None);
        Assert.Equal(lease.Epoch + 1, again?.Epoch);   // an expired tenure's work in flight must not pass the fence
    }

    [Fact]
    public async Task Release_ThenAnotherOwner_TakesItAtOnceWithNextEpoch()
    {
        var lease = (await _sut.TryAcquireAsync(Suite, "a", Long, CancellationToken.None))!;

        Assert.True(await _sut.ReleaseAsync(lease, CancellationToken.None));

        var taken = await _sut.TryAcquireAsync(Suite, "b", Long, CancellationToken.None);
        Assert.Equal(2, taken?.Epoch);
        Assert.Null(await _sut.RenewAsync(lease, Long, CancellationToken.None));
    }

    [Fact]
    public async Task Fence_CurrentEpoch_WriteCommits()
    {
        await CreateRecordTableAsync();
        var lease = (await _sut.TryAcquireAsync(Suite, "a", Long, CancellationToken.None))!;

        await FencedInsertAsync(lease.Epoch, "written by a");

        Assert.Equal(["written by a"], await RecordsAsync());
    }

    [Fact]
    public async Task Fence_StaleEpoch_WriteRefusedAndTableUntouched()
    {
        await CreateRecordTableAsync();
        var old = (await _sut.TryAcquireAsync(Suite, "a", Long, CancellationToken.None))!;
        await FencedInsertAsync(old.Epoch, "before the hand-over");
        await _sut.ReleaseAsync(old, CancellationToken.None);
        var current = (await _sut.TryAcquireAsync(Suite, "b", Long, CancellationToken.None))!;

        var refused = await Assert.ThrowsAsync<LeaseFenceException>(() => FencedInsertAsync(old.Epoch, "stale write"));

        Assert.Equal(Suite, refused.Partition);
        Assert.Equal(old.Epoch, refused.Epoch);
        Assert.Equal(["before the hand-over"], await RecordsAsync());
        await FencedInsertAsync(current.Epoch, "by the new owner");
        Assert.Equal(["before the hand-over", "by the new owner"], await RecordsAsync());
    }

    [Fact]
    public async Task Fence_ExpiredLeaseNotYetTaken_WriteRefused()
    {
        await CreateRecordTableAsync();
        var lease = (await _sut.TryAcquireAsync(Suite, "a", Short, CancellationToken.None))!;
        await Eventually.UntilAsync(async ct => !(await _sut.ListAsync(ct)).Single().IsLive, TimeSpan.FromSeconds(10), "the lease expires");

        var refused = await Assert.ThrowsAsync<LeaseFenceException>(() => FencedInsertAsync(lease.Epoch, "too late"));

        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await RecordsAsync());
    }

    [Fact]
    public async Task Fence_NeverLeasedPartition_WriteRefused()
    {
        await CreateRecordTableAsync();

        await Assert.ThrowsAsync<LeaseFenceException>(() => FencedInsertAsync(1, "nobody's"));

        Assert.Empty(await RecordsAsync());
    }

    [Fact]
    public async Task Fence_WriteInFlightWhenTheLeaseExpires_NewOwnerWaitsForItsCommit()
    {
        await CreateRecordTableAsync();
        var lease = (await _sut.TryAcquireAsync(Suite, "a", TimeSpan.FromSeconds(2), CancellationToken.None))!;
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await LeaseFence.FenceAsync(transaction, Suite, lease.Epoch, CancellationToken.None);
        await InsertAsync(connection, transaction, "in flight");
        await Eventually.UntilAsync(async ct => (await ScalarAsync("SELECT expires_at <= now() FROM partition_leases", ct)) is true,
            TimeSpan.FromSeconds(10), "the lease expires while the write is open");

        var takeover = Task.Run(() => _sut.TryAcquireAsync(Suite, "b", Long, CancellationToken.None));
        await Eventually.UntilAsync(async ct => (long)(await ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", ct))! == 1,
            TimeSpan.FromSeconds(10), "b's acquisition waits on the fenced row");
        Assert.False(takeover.IsCompleted);
        await transaction.CommitAsync();

        var taken = await takeover;
        Assert.Equal(lease.Epoch + 1, taken?.Epoch);
        Assert.Equal(["in flight"], await RecordsAsync());
    }

    private async Task CreateRecordTableAsync()
    {
        await using var command = _dataSource.CreateCommand("CREATE TABLE records (id serial PRIMARY KEY, note text NOT NULL)");
        await command.ExecuteNonQueryAsync();
    }

    // The pattern a record store follows: fence first, then write, in one transaction.
    private async Task FencedInsertAsync(long epoch, string note)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await LeaseFence.FenceAsync(transaction, Suite, epoch, CancellationToken.None);
        await InsertAsync(connection, transaction, note);
        await transaction.CommitAsync();
    }

    private static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string note)
    {
        await using var command = new NpgsqlCommand("INSERT INTO records (note) VALUES ($1)", connection, transaction);
        command.Parameters.Add(new() { Value = note });
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> RecordsAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT note FROM records ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var notes = new List<string>();
        while (await reader.ReadAsync())
        {
            notes.Add(reader.GetString(0));
        }
        return notes;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
