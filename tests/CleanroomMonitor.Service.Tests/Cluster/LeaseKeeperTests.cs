using CleanroomMonitor.Service.Cluster;
using CleanroomMonitor.Service.Observability;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CleanroomMonitor.Service.Tests.Cluster;

/// <summary>Lease keepers sharing six partitions through a real PostgreSQL 15.</summary>
public sealed class LeaseKeeperTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task TwoKeepers_SixPartitions_SplitThreeAndThree()
    {
        await using var rig = new KeeperRig(await postgres.Server.CreateDatabaseAsync());
        using var exporter = new PrometheusExporter(rig.Meters);
        using var a = await rig.StartAsync("a");
        using var b = await rig.StartAsync("b");

        await Eventually.UntilAsync(() => a.Owned.Count == 3 && b.Owned.Count == 3, Settle, "a and b hold three each",
            () => $"a: {string.Join(",", a.Owned)}; b: {string.Join(",", b.Owned)}");

        Assert.Equal(rig.Plan.Partitions.Select(p => p.Id.Value), a.Owned.Concat(b.Owned).Select(l => l.Partition.Value).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(rig.Losses, l => l.Loss.Reason is not PartitionLossReason.Released);
        var readiness = await new PartitionReadiness(a, rig.Plan).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, readiness.Status);
        Assert.StartsWith("instance a owns 3 of 6 partitions: ", readiness.Description, StringComparison.Ordinal);
        Assert.All(a.Owned, l => Assert.Contains($"{l.Partition} (epoch {l.Epoch})", readiness.Description, StringComparison.Ordinal));
        var scrape = exporter.Scrape();
        Assert.All(a.Owned, l => Assert.Contains($"cleanroom_partition_owned{{partition=\"{l.Partition}\"}} 1", scrape, StringComparison.Ordinal));
        Assert.All(a.Owned, l => Assert.Contains($"cleanroom_partition_epoch{{partition=\"{l.Partition}\"}} {l.Epoch}", scrape, StringComparison.Ordinal));
        await a.StopAsync(CancellationToken.None);
        await b.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task KeeperDisposedWithoutRelease_OtherOwnsAllSixWithinLeaseAndRenewal()
    {
        await using var rig = new KeeperRig(await postgres.Server.CreateDatabaseAsync());
        using var a = await rig.StartAsync("a");
        var b = await rig.StartAsync("b");
        await Eventually.UntilAsync(() => a.Owned.Count == 3 && b.Owned.Count == 3, Settle, "a and b hold three each");
        var abandoned = b.Owned;

        b.Dispose();   // a crash: no release, no goodbye; its leases run out in the database
        var crashedAt = TimeProvider.System.GetTimestamp();
        await Eventually.UntilAsync(() => a.Owned.Count == 6, Settle, "a owns all six");

        var took = TimeProvider.System.GetElapsedTime(crashedAt);
        // The bound the design promises, plus one more round and a second for a busy machine.
        Assert.True(took < KeeperRig.LeaseDuration + 2 * KeeperRig.RenewEvery + TimeSpan.FromSeconds(1), $"took {took}");
        Assert.All(abandoned, old => Assert.Equal(old.Epoch + 1, a.Owned.Single(l => l.Partition == old.Partition).Epoch));
        await a.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task KeeperStoppedCleanly_ReleasesSoTheOtherTakesOverBeforeExpiry()
    {
        await using var rig = new KeeperRig(await postgres.Server.CreateDatabaseAsync());
        using var a = await rig.StartAsync("a");
        using var b = await rig.StartAsync("b");
        await Eventually.UntilAsync(() => a.Owned.Count == 3 && b.Owned.Count == 3, Settle, "a and b hold three each");
        var released = b.Owned;

        await b.StopAsync(CancellationToken.None);

        Assert.Empty(b.Owned);
        Assert.Equal(3, rig.Losses.Count(l => l.Instance == "b" && l.Loss.Reason == PartitionLossReason.Stopping));
        await Eventually.UntilAsync(() => a.Owned.Count == 6, Settle, "a owns all six");

        Assert.True(TimeProvider.System.GetUtcNow() < released.Min(l => l.ExpiresAt), "a took the released partitions before b's leases would have expired");
        Assert.All(released, old => Assert.Equal(old.Epoch + 1, a.Owned.Single(l => l.Partition == old.Partition).Epoch));
        await a.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task LocalDeadlinePassesWithoutRenewal_PartitionsLostWhileTheDatabaseLeasesAreStillLive()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var rig = new KeeperRig(database);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lease = TimeSpan.FromMinutes(1);   // by the database clock: far from expiring during the test
        // One renewal tick before the deadline (not dozens), so the advance reaches the deadline timer at once.
        using var a = await rig.StartAsync("a", time, lease, renewEvery: lease / 2);
        await Eventually.UntilAsync(() => a.Owned.Count == 6, Settle, "a owns all six");

        time.Advance(lease * 4 / 5);   // no round has run on the local clock since: the deadline timer alone acts

        Assert.Empty(a.Owned);
        Assert.Equal(6, rig.Losses.Count(l => l.Loss.Reason == PartitionLossReason.DeadlinePassed));
        await using var dataSource = NpgsqlDataSource.Create(database);
        var rows = await new CleanroomMonitor.Storage.Cluster.LeaseTable(dataSource).ListAsync(CancellationToken.None);
        Assert.All(rows, r => Assert.True(r.IsLive && r.Lease.Owner == "a", $"{r.Lease.Partition} live: {r.IsLive}"));
        Assert.Equal(6, rows.Count);
    }
}
