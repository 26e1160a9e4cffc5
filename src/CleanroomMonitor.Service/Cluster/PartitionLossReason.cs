namespace CleanroomMonitor.Service.Cluster;

/// <summary>Why an instance stopped owning a partition.</summary>
public enum PartitionLossReason
{
    /// <summary>Given up to an instance below its fair share.</summary>
    Released,

    /// <summary>The database refused the renewal: the lease had expired or another instance holds it.</summary>
    Refused,

    /// <summary>No renewal succeeded before the local deadline (the database unreachable or slow): given up before the
    /// database's expiry, so the next owner never overlaps.</summary>
    DeadlinePassed,

    /// <summary>The instance is stopping and released it.</summary>
    Stopping,
}
