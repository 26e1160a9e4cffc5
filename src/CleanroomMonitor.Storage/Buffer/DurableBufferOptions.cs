using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Storage.Buffer;

/// <summary>Where and how much the durable buffer stores (section <c>Buffer</c>).</summary>
public sealed class DurableBufferOptions
{
    public const string SectionName = "Buffer";

    /// <summary>The folder holding the segment files, the consumer cursor and the <c>rejected/</c> quarantine.
    /// A relative path is relative to the working directory. Use a local disk: fsync on network file systems
    /// does not promise durability.</summary>
    /// <value>Default: <c>data/buffer</c>.</value>
    [Required]
    public string Path { get; set; } = "data/buffer";

    /// <summary>The size at which a segment file is closed and a new one started. A segment is deleted once every
    /// record in it is acknowledged, so smaller segments free disk sooner; larger ones mean fewer files.
    /// A single record cannot be larger than a segment.</summary>
    /// <value>Default: 16 MiB (16777216).</value>
    [Range(typeof(long), "65536", "1073741824")]
    public long SegmentSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most unacknowledged bytes (frames included) the buffer holds; an append beyond it throws
    /// <see cref="BufferFullException"/>. Disk use can exceed it by up to one segment of already-acknowledged data.
    /// At about 150 bytes a reading, 1 GiB holds roughly 7 million readings: days of a facility's data while
    /// InfluxDB is down.</summary>
    /// <value>Default: 1 GiB (1073741824).</value>
    [Range(typeof(long), "1048576", "9223372036854775807")]
    public long MaxBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>How long the first reading of a group commit may wait for others to share its fsync, unless
    /// <see cref="CommitBatch"/> are waiting sooner. A reading is acknowledged to its source (the MQTT PUBACK, the Modbus
    /// record cursor) only after its commit, so this delays acknowledgements, never judging or alerts. At a site's tens
    /// of readings a second it turns one fsync per reading into one per few readings.</summary>
    /// <value>Default: 50 ms.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan CommitLinger { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Commit without lingering further once this many readings wait (looked at while the stream is busy; after
    /// a group smaller than this the next one waits its whole <see cref="CommitLinger"/> in one timer). Small, because a
    /// commit's acknowledgements leave together: the MQTT client sends one PUBACK after another on the connection the
    /// alerts are published on, and at 5,000 readings/s bursts of 128 added 2–4 ms to the alert latency's p99 where 32
    /// added none measurable (docs/benchmarks.md, "Site load, after"). Keep it below the MQTT in-flight window (<c>Mqtt:MaxInflight</c>, or
    /// the broker's <c>max_inflight_messages</c> with MQTT 3.1.1): the broker sends no more than the window before the
    /// commit acknowledges them, so a smaller window caps ingest at one window per <see cref="CommitLinger"/>.</summary>
    /// <value>Default: 32.</value>
    [Range(1, 4096)]
    public int CommitBatch { get; set; } = 32;
}
