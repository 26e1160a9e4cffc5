namespace CleanroomMonitor.Simulators.Oq;

/// <summary>The body of <c>POST /api/qualification/runs</c> (<c>oq run --submit</c>): the report as the service's OQ record
/// store keeps it, its HTML and CSV exactly as written, and the SHA-256 of the HTML's UTF-8 bytes (the written file's).</summary>
internal sealed record OqSubmission(
    string RunId,
    string Protocol,
    string ProtocolVersion,
    string Site,
    string FacilityVersion,
    string? InstallationVersion,
    bool? Modified,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    bool Passed,
    bool Stopped,
    int Rows,
    int RowsPassed,
    IReadOnlyList<string> Scenarios,
    string? RetestOf,
    IReadOnlyList<OqSubmittedDeviation> Deviations,
    string ReportHtml,
    string ReportCsv,
    string ReportSha256)
{
    /// <summary>The body for <paramref name="report"/>, whose files were written as <paramref name="html"/> and <paramref name="csv"/>.</summary>
    public static OqSubmission Of(OqReport report, string html, string csv) => new(
        report.RunId,
        OqReport.ProtocolName,
        report.ProtocolVersion,
        report.Site,
        report.FacilityVersion,
        report.Installation?.Version,
        report.Installation?.Modified,
        report.StartedAt,
        report.FinishedAt,
        report.Passed,
        report.Stopped,
        report.Rows.Count(),
        report.Rows.Count(r => r.Passed),
        [.. report.Scenarios.Select(s => s.Scenario)],
        report.RetestOf,
        [.. report.Deviations.Select(d => new OqSubmittedDeviation(d.Number, d.Kind, d.Requirement, d.Scenario, d.Detail))],
        html,
        csv,
        OqReport.Sha256(html));
}
