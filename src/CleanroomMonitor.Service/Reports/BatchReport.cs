using CleanroomMonitor.Core.Batches;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The batch environmental-monitoring report for release (docs/gmp.md §9), by exception: first what needs the
/// Authorised Person's decision (excursions, data gaps, audit-trail changes, data changed after first entry, the
/// verdict), then the figures (statistics, completeness, limits and configuration versions).</summary>
/// <param name="To">The end of the period: the batch's end, or the time the report was built while it is active.</param>
/// <param name="FacilityVersion">The facility definition version the report was produced under.</param>
/// <param name="FacilityVersionsSeen">Every facility version named by the period's excursions and the current one.</param>
public sealed record BatchReport(
    Batch Batch,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    string SiteName,
    string SiteTimeZone,
    string FacilityVersion,
    IReadOnlyList<string> FacilityVersionsSeen,
    ReleaseVerdict Verdict,
    IReadOnlyList<ReportExcursion> Excursions,
    IReadOnlyList<ReportExcursion> DataGaps,
    IReadOnlyList<ReportAuditEntry> DataChanges,
    IReadOnlyList<ReportAuditEntry> AuditTrail,
    IReadOnlyList<ParameterStatistics> Statistics,
    IReadOnlyList<SensorCompleteness> Completeness,
    IReadOnlyList<ReportLimits> Limits)
{
    /// <summary>Sensors out of service (not monitored) at any time during the batch, in its rooms: for the AP's decision.</summary>
    public IReadOnlyList<ReportOutOfService> OutOfService { get; init; } = [];

    /// <summary>Sensors of its rooms that measured while overdue for calibration or after a failed one during the batch.</summary>
    public IReadOnlyList<ReportCalibration> Calibration { get; init; } = [];

    /// <summary>The runs of alert or action samples in the stored data of the window, each with the excursion or the
    /// signed breach review that accounts for it (unexplained ones block release).</summary>
    public IReadOnlyList<ReportBreachRun> BreachRuns { get; init; } = [];

    /// <summary>Series with more breaching samples than the report reads: not every run of them could be judged.</summary>
    public IReadOnlyList<string> CappedSeries { get; init; } = [];

    /// <summary>The rooms' names by id, for the reader (ids stay in the CSV).</summary>
    public IReadOnlyDictionary<string, string> RoomNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The review and approval signatures of the version being issued, oldest first (docs/reports.md "Review,
    /// approval and issue"); the report prints "not yet reviewed / approved" lines with blank fields while it has none.</summary>
    public IReadOnlyList<ReportSignature> Approvals { get; init; } = [];

    /// <summary>The version this rendering is issued as; null for a draft.</summary>
    public int? IssueVersion { get; init; }
}
