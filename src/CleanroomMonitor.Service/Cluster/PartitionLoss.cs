using CleanroomMonitor.Storage.Cluster;

namespace CleanroomMonitor.Service.Cluster;

/// <summary>A partition this instance stopped owning, and why: whoever works on it must stop at once.</summary>
public sealed record PartitionLoss(Lease Lease, PartitionLossReason Reason);
