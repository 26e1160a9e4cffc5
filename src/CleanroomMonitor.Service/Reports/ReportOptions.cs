using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The batch environmental-monitoring report (section <c>Reports</c>; docs/reports.md).</summary>
public sealed class ReportOptions
{
    public const string SectionName = "Reports";

    /// <summary>The share of expected samples a sensor must deliver over the batch period; below it, and with no closed
    /// data-gap, communication-loss or sensor-fault excursion that explains it, the gap is unexplained and the batch is not
    /// clear for release.</summary>
    /// <value>Default: 0.95.</value>
    [Range(0.0, 1.0)]
    public double MinimumCompleteness { get; set; } = 0.95;

    /// <summary>How many InfluxQL requests one report runs at the same time (InfluxDB 1.x runs the statements of one
    /// request one after the other, so parallel requests use its cores).</summary>
    /// <value>Default: 4.</value>
    [Range(1, 64)]
    public int QueryParallelism { get; set; } = 4;

    /// <summary>Whether reports read hourly roll-ups for the whole hours of their period (and raw points only for the rest),
    /// and whether the service keeps those roll-ups. Off: every figure is aggregated from raw points (slow, same result).</summary>
    /// <value>Default: true.</value>
    public bool UseRollups { get; set; } = true;

    /// <summary>How long after an hour ends it is rolled up: the readings of its last seconds are still on their way
    /// (rolling it up earlier is safe, only wasted: a reading for an ended hour marks it for recomputation).</summary>
    /// <value>Default: 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RollupDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the service looks for hours to roll up (new, or invalidated by late readings); zero turns
    /// the background job off (hours are then rolled up only on request, as the benchmark does).</summary>
    /// <value>Default: 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RollupPoll { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far back the service rolls up hours it finds without a roll-up (after installation or an outage).
    /// Older hours without one are aggregated from raw points by the report: exact, only slower.</summary>
    /// <value>Default: 35 days.</value>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan RollupBackfill { get; set; } = TimeSpan.FromDays(35);

    /// <summary>How many breaching samples (beyond the alert or action limit) the release verdict reads back per sensor
    /// parameter and room-state segment of the batch window. A segment with more is reported as capped: its runs are not
    /// all judged, and the batch is not clear until someone reviews the data.</summary>
    /// <value>Default: 10 000.</value>
    [Range(1, 1_000_000)]
    public int MaxBreachSamples { get; set; } = 10_000;

    /// <summary>The headless Chromium used to print the report to PDF; without it the PDF export answers 501.</summary>
    /// <value>Default: <c>/usr/bin/chromium</c>.</value>
    [Required]
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long Chromium may take to print one report.</summary>
    /// <value>Default: 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
