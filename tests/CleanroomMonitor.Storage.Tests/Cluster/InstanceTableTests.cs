using CleanroomMonitor.Storage.Cluster;
using CleanroomMonitor.TestSupport;
using Npgsql;

namespace CleanroomMonitor.Storage.Tests.Cluster;

/// <summary>Instance heartbeats in a real PostgreSQL 15: who is live is judged by the database clock.</summary>
public sealed class InstanceTableTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;
    private InstanceTable _sut = null!;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(await postgres.Server.CreateDatabaseAsync());
        await ClusterSchema.EnsureCreatedAsync(_dataSource, CancellationToken.None);
        await ClusterSchema.EnsureCreatedAsync(_dataSource, CancellationToken.None);   // a second start finds the tables
        _sut = new InstanceTable(_dataSource);
    }

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Beat_TwoInstances_EachSeesBoth()
    {
        await _sut.BeatAsync("a", TimeSpan.FromMinutes(1), CancellationToken.None);

        var live = await _sut.BeatAsync("b", TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(["a", "b"], live.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Beat_OtherStoppedBeating_DropsOutAfterItsDuration()
    {
        await _sut.BeatAsync("a", TimeSpan.FromSeconds(1), CancellationToken.None);

        await Eventually.UntilAsync(async ct => (await _sut.BeatAsync("b", TimeSpan.FromMinutes(1), ct)).SequenceEqual(["b"]),
            TimeSpan.FromSeconds(10), "a's heartbeat expires");

        Assert.Equal(["b"], await _sut.BeatAsync("b", TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task Leave_CleanStop_DropsOutAtOnce()
    {
        await _sut.BeatAsync("a", TimeSpan.FromMinutes(1), CancellationToken.None);

        await _sut.LeaveAsync("a", CancellationToken.None);

        Assert.Equal(["b"], await _sut.BeatAsync("b", TimeSpan.FromMinutes(1), CancellationToken.None));
    }
}
