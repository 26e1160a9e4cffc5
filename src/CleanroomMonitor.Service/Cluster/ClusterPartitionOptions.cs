namespace CleanroomMonitor.Service.Cluster;

/// <summary>One configured partition (<c>Cluster:Partitions:n</c>).</summary>
public sealed class ClusterPartitionOptions
{
    /// <summary>The partition's id: 1-63 lowercase letters, digits, '-' or '_' (it names the partition's MQTT session).</summary>
    public string? Id { get; set; }

    /// <summary>The ids of the rooms in this partition.</summary>
    public IList<string?> Rooms { get; } = [];
}
