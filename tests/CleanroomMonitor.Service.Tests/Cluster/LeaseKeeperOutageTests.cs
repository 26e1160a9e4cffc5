using CleanroomMonitor.Service.Cluster;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Service.Tests.Cluster;

/// <summary>The database gone for longer than a lease: a server of its own, since the test stops it.</summary>
public sealed class LeaseKeeperOutageTests
{
    [Fact]
    public async Task PostgresStoppedLongerThanTheLease_KeeperGivesUpBeforeTheDatabaseExpiryAndTakesOverAgainAfter()
    {
        await using var server = await PostgresProcess.StartAsync();
        await using var rig = new KeeperRig(await server.CreateDatabaseAsync());
        using var keeper = await rig.StartAsync("a");
        await Eventually.UntilAsync(() => keeper.Owned.Count == 6, TimeSpan.FromSeconds(20), "a owns all six");

        await server.StopAsync();
        await Eventually.UntilAsync(() => keeper.Owned.Count == 0, KeeperRig.LeaseDuration + TimeSpan.FromSeconds(5), "a gives up all six");

        Assert.False(keeper.IsDatabaseReachable);
        List<(string Instance, PartitionLoss Loss, DateTimeOffset At)> losses;
        lock (rig.Losses)
        {
            losses = [.. rig.Losses];
        }
        Assert.Equal(6, losses.Count);
        // Same machine, so the local clock and the database's agree: each loss came before the database would free it.
        Assert.All(losses, l =>
        {
            Assert.Equal(PartitionLossReason.DeadlinePassed, l.Loss.Reason);
            Assert.True(l.At < l.Loss.Lease.ExpiresAt, $"{l.Loss.Lease.Partition} lost at {l.At:o}, expires at {l.Loss.Lease.ExpiresAt:o}");
        });
        await server.StartAgainAsync();
        await Eventually.UntilAsync(() => keeper.Owned.Count == 6, TimeSpan.FromSeconds(20), "a owns all six again");
        Assert.All(keeper.Owned, l => Assert.Equal(2, l.Epoch));   // its old leases expired: a new epoch each
        await keeper.StopAsync(CancellationToken.None);
    }
}
