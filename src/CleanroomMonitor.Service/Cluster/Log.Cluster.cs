namespace CleanroomMonitor.Service;

/// <summary>The cluster part of the service's <see cref="Log"/> (EventIds 6300-6349).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Instance {Instance} joins the cluster: {Partitions} partitions, lease {LeaseDuration}, renewed every {RenewEvery}")]
    public static partial void ClusterJoining(this ILogger logger, string instance, int partitions, TimeSpan leaseDuration, TimeSpan renewEvery);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Information, Message = "Partition {Partition} acquired by {Instance} in epoch {Epoch} (lease until {ExpiresAt:o} by the database clock)")]
    public static partial void PartitionAcquired(this ILogger logger, string partition, string instance, long epoch, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Warning, Message = "Partition {Partition} (epoch {Epoch}) LOST by {Instance}: {Reason}")]
    public static partial void PartitionLost(this ILogger logger, string partition, long epoch, string instance, string reason);

    [LoggerMessage(EventId = 6304, Level = LogLevel.Information, Message = "Partition {Partition} (epoch {Epoch}) released by {Instance}: {Reason}")]
    public static partial void PartitionReleased(this ILogger logger, string partition, long epoch, string instance, string reason);

    [LoggerMessage(EventId = 6305, Level = LogLevel.Warning, Message = "Cluster database unreachable from {Instance}; leases are retried every {RenewEvery} and given up at their local deadline: {Reason}")]
    public static partial void ClusterDatabaseUnreachable(this ILogger logger, string instance, TimeSpan renewEvery, string reason);

    [LoggerMessage(EventId = 6306, Level = LogLevel.Information, Message = "Cluster database reachable again from {Instance}")]
    public static partial void ClusterDatabaseReachable(this ILogger logger, string instance);

    [LoggerMessage(EventId = 6307, Level = LogLevel.Information, Message = "Instance {Instance} leaves the cluster; its partitions are released")]
    public static partial void ClusterLeaving(this ILogger logger, string instance);
}
