namespace CleanroomMonitor.Storage.Cluster;

/// <summary>A row of <c>partition_leases</c> as listed: the lease and whether it is live by the database's clock at the
/// moment of listing (an expired row is a free partition).</summary>
public sealed record LeaseRow(Lease Lease, bool IsLive);
