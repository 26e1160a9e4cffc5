using CleanroomMonitor.Core.Partitions;

namespace CleanroomMonitor.Storage.Cluster;

/// <summary>A write refused by <see cref="LeaseFence"/>: the writer no longer owns the partition in the epoch it
/// carries. Roll the transaction back; nothing it wrote may stand.</summary>
public sealed class LeaseFenceException : Exception
{
    public LeaseFenceException(PartitionId partition, long epoch, string reason)
        : base($"Write for partition '{partition}' in epoch {epoch} refused: {reason}. This instance no longer owns the partition.")
    {
        Partition = partition;
        Epoch = epoch;
    }

    public LeaseFenceException()
    {
    }

    public LeaseFenceException(string message)
        : base(message)
    {
    }

    public LeaseFenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PartitionId Partition { get; }

    public long Epoch { get; }
}
