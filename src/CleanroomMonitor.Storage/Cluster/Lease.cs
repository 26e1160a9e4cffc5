using CleanroomMonitor.Core.Partitions;

namespace CleanroomMonitor.Storage.Cluster;

/// <summary>A partition's lease as PostgreSQL holds it: who owns it, in which epoch (incremented at each change of
/// owner), and until when by the database's clock.</summary>
/// <param name="Partition">The partition leased.</param>
/// <param name="Owner">The instance id of the owner.</param>
/// <param name="Epoch">The fencing epoch: a record write carries it and is refused once it is no longer current.</param>
/// <param name="ExpiresAt">When the lease ends unless renewed, by the database's clock.</param>
public sealed record Lease(PartitionId Partition, string Owner, long Epoch, DateTimeOffset ExpiresAt);
