using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Partitions;
using CleanroomMonitor.Service.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanroomMonitor.Service.Tests.Cluster;

/// <summary>Lease keepers on one real database with short leases (real time: the database clock judges expiry), and
/// what each one was told.</summary>
internal sealed class KeeperRig(string connectionString) : IAsyncDisposable
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromMilliseconds(500);

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public PartitionPlan Plan { get; } = PartitionPlan.Create(ClusterFacility.Create(), null);

    public IMeterFactory Meters => _metrics.GetRequiredService<IMeterFactory>();

    /// <summary>Every loss reported by any keeper, with the local time it was reported.</summary>
    public List<(string Instance, PartitionLoss Loss, DateTimeOffset At)> Losses { get; } = [];

    public async Task<LeaseKeeper> StartAsync(string instance, TimeProvider? time = null, TimeSpan? leaseDuration = null, TimeSpan? renewEvery = null)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        _owned.Add(dataSource);
        var options = Options.Create(new ClusterOptions { Enabled = true, InstanceId = instance, LeaseDuration = leaseDuration ?? LeaseDuration, RenewEvery = renewEvery ?? RenewEvery });
        var keeper = new LeaseKeeper(options, Plan, dataSource, time ?? TimeProvider.System, Meters, NullLogger<LeaseKeeper>.Instance);
        keeper.Lost += (_, loss) =>
        {
            lock (Losses)
            {
                Losses.Add((instance, loss, TimeProvider.System.GetUtcNow()));
            }
        };
        await keeper.StartAsync(CancellationToken.None);
        return keeper;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }
        await _metrics.DisposeAsync();
    }
}
