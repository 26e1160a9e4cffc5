using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>Rules for accepting incoming data (section <c>Ingest</c>).</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>How far ahead of the service's clock a device timestamp may be before the reading is refused.</summary>
    /// <value>Default: 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The oldest device timestamp accepted. Long enough for a gateway's store-and-forward backlog after
    /// an outage to be taken in, short enough to refuse a device whose clock reset to 1970.</summary>
    /// <value>Default: 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The largest payload accepted, in bytes.</summary>
    /// <value>Default: 65536.</value>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>The least time between two log lines about rejections of the same reason (each is still counted).</summary>
    /// <value>Default: 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RejectionLogInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A reading whose device time differs from its receive time by more than this is flagged: counted per
    /// sensor (metric <c>cleanroom_readings_clock_skewed_total</c>) and logged when a sensor starts or stops being off.
    /// It is still accepted (<see cref="MaxFutureSkew"/> and <see cref="MaxAge"/> decide refusal); a device clock that
    /// drifts, or readings that queued on the broker, both show here.</summary>
    /// <value>Default: 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ClockSkewWarning { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many recent readings of each series (sensor and parameter) ingest remembers to tell a repeat from a
    /// conflicting second value at the same instant when readings arrive late or out of order (in-order readings need only
    /// the newest). A reading older than what the window holds is passed on unchecked and counted
    /// (<c>cleanroom_readings_late_unchecked_total</c>). 40 bytes per reading per series.</summary>
    /// <value>Default: 8.</value>
    [Range(1, 4096)]
    public int DuplicateWindow { get; set; } = 8;

    /// <summary>How long a received reading may wait in the service's own queues before the excursion engine raises the
    /// system condition <c>ingest-behind</c> (an alert excursion of the monitoring system, returned once it has caught up).
    /// Data gaps are not raised for sensors whose readings are waiting, whatever this is.</summary>
    /// <value>Default: 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan BehindAlarm { get; set; } = TimeSpan.FromMinutes(1);
}
