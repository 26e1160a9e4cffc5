using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Storage.Records;

/// <summary>Where the GMP record store keeps its records (section <c>Records</c>): a SQLite file (the embedded default,
/// one instance) or a PostgreSQL database (several instances sharing the site's rooms, docs/scale-out.md).</summary>
public sealed class RecordsOptions
{
    public const string SectionName = "Records";

    /// <summary>The database engine holding the records.</summary>
    /// <value>Default: <see cref="RecordsProvider.Sqlite"/> at <see cref="Path"/>.</value>
    public RecordsProvider Provider { get; set; } = RecordsProvider.Sqlite;

    /// <summary>With <see cref="RecordsProvider.Postgres"/>: the Npgsql connection string of the records database
    /// (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>). Give the password through the environment
    /// (<c>Records__ConnectionString</c>) or a secrets file, not in a configuration file under version control.</summary>
    public string? ConnectionString { get; set; }

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
