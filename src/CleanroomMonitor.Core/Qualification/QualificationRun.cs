namespace CleanroomMonitor.Core.Qualification;

/// <summary>The metadata of an uploaded OQ run (the simulators' <c>oq run</c>), stored verbatim with its report and
/// never changed afterwards; signatures and dispositions are records of their own that refer to it by
/// <see cref="RunId"/>.</summary>
/// <param name="RunId">The kit's run id, unique in the store.</param>
/// <param name="Modified">Whether the installation under test ran modified code, as the kit saw it; null when unknown.</param>
/// <param name="Passed">The kit's verdict: every row passed and nothing was left unexplained.</param>
/// <param name="Stopped">The run was stopped before its end (a partial report): it can never be approved.</param>
/// <param name="RetestOf">The run whose deviations this run re-tests, or null.</param>
/// <param name="ReportSha256">Lower-case hex SHA-256 of the UTF-8 report HTML, checked at upload.</param>
/// <param name="UploadedBy">The authenticated principal that uploaded it ("token:&lt;name&gt;" for an API token).</param>
public sealed record QualificationRun(
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
    IReadOnlyList<QualificationDeviation> Deviations,
    string ReportSha256,
    DateTimeOffset UploadedAt,
    string UploadedBy);
