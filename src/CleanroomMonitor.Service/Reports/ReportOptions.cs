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

    /// <summary>The headless Chromium used to print the report to PDF; without it the PDF export answers 501.</summary>
    /// <value>Default: <c>/usr/bin/chromium</c>.</value>
    [Required]
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long Chromium may take to print one report.</summary>
    /// <value>Default: 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
