namespace CleanroomMonitor.Service.Qualification;

/// <summary>POST /api/qualification/runs: what the OQ kit's uploader sends (docs/security.md "OQ runs"). Every field is
/// nullable so that a missing one is reported by name (400) rather than defaulted.</summary>
public sealed record QualificationUploadRequest(
    string? RunId,
    string? Protocol,
    string? ProtocolVersion,
    string? Site,
    string? FacilityVersion,
    string? InstallationVersion,
    bool? Modified,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    bool? Passed,
    bool? Stopped,
    int? Rows,
    int? RowsPassed,
    IReadOnlyList<string?>? Scenarios,
    string? RetestOf,
    IReadOnlyList<DeviationUpload?>? Deviations,
    string? ReportHtml,
    string? ReportCsv,
    string? ReportSha256);

/// <summary>One numbered deviation as the kit lists it.</summary>
public sealed record DeviationUpload(string? Number, string? Kind, string? Requirement, string? Scenario, string? Detail);
