using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CleanroomMonitor.Service.Cluster;

/// <summary>The <c>partitions</c> entry of /readyz: which partitions this instance owns, with their epochs. Owning none
/// is ready too (a standby instance, or one waiting for its fair share).</summary>
internal sealed class PartitionReadiness(LeaseKeeper keeper, CleanroomMonitor.Core.Partitions.PartitionPlan plan) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var owned = keeper.Owned;
        var list = owned.Count == 0 ? "none" : string.Join(", ", owned.Select(l => $"{l.Partition} (epoch {l.Epoch})"));
        var database = keeper.IsDatabaseReachable ? "" : "; the cluster database is unreachable, leases are given up at their local deadline";
        var data = owned.ToDictionary(l => l.Partition.Value, l => (object)l.Epoch);
        return Task.FromResult(HealthCheckResult.Healthy($"instance {keeper.InstanceId} owns {owned.Count} of {plan.Count} partitions: {list}{database}", data));
    }
}
