using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace CleanroomMonitor.Service.Cluster;

/// <summary>Several instances sharing the site's rooms (section <c>Cluster</c>, docs/scale-out.md "Partitions, leases
/// and fencing"): the rooms are grouped into partitions, and each partition is owned by one instance at a time through
/// a lease in the records' PostgreSQL database.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Whether this instance takes part in a cluster. Requires <c>Records:Provider</c> = <c>Postgres</c>: the
    /// leases live in the records' database.</summary>
    /// <value>Default: false (one instance owns every room).</value>
    public bool Enabled { get; set; }

    /// <summary>This instance's name in the lease table and the heartbeats. Unique per running process: two processes
    /// under one id would count as one owner.</summary>
    /// <value>Default: the host name and the process id (<c>host-1234</c>).</value>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string InstanceId { get; set; } = Environment.MachineName + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>How long a lease lasts, by the database's clock, unless renewed; the longest a partition stays unowned
    /// after its owner dies.</summary>
    /// <value>Default: 15 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the owner renews its leases and looks for free partitions. At most half of
    /// <see cref="LeaseDuration"/>, so a failed renewal is retried before the lease is given up.</summary>
    /// <value>Default: a third of <see cref="LeaseDuration"/>.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan? RenewEvery { get; set; }

    /// <summary>The partitions: each an id and the rooms it holds. Every room of the facility must be in exactly one.</summary>
    /// <value>Default: none, which means one partition per room, named after the room.</value>
    public IList<ClusterPartitionOptions> Partitions { get; } = [];

    /// <summary>The renewal interval in use.</summary>
    internal TimeSpan RenewInterval => RenewEvery ?? LeaseDuration / 3;
}
