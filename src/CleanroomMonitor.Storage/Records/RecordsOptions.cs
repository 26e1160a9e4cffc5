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

    /// <summary>Where the audit trail's checkpoints are appended (its last sequence and hash, after each scheduled
    /// verification that found it intact). Copy it, or the log lines announcing each checkpoint, off the machine: a
    /// trail rewritten with recomputed hashes no longer matches them.</summary>
    /// <value>Default: <see cref="Path"/> followed by <c>.checkpoints</c>.</value>
    public string? CheckpointFile { get; set; }

    /// <summary>How often the service verifies the audit trail (and checkpoints it when intact); a broken trail is a
    /// System excursion at action level.</summary>
    /// <value>Default: 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan VerifyInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The checkpoint file in use.</summary>
    internal string CheckpointPath => CheckpointFile is { Length: > 0 } file ? file : Path + ".checkpoints";
}
