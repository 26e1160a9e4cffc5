using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Where the GMP record store keeps its SQLite file (section <c>Records</c>).</summary>
public sealed class RecordsOptions
{
    public const string SectionName = "Records";

    /// <summary>The SQLite database file holding excursions, batches, room states, limit versions and the audit trail.
    /// A relative path is relative to the working directory; the folder is created when missing. SQLite keeps
    /// <c>-wal</c> and <c>-shm</c> files beside it. Use a local disk: WAL mode needs shared memory, which network
    /// file systems do not give.</summary>
    /// <value>Default: <c>data/records.db</c>.</value>
    [Required]
    public string Path { get; set; } = "data/records.db";
}
