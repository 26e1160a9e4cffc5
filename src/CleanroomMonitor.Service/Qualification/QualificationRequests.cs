namespace CleanroomMonitor.Service.Qualification;

/// <summary>POST /api/qualification/runs/{runId}/signatures: a person's signature (password again; the user id too on
/// the first signature of a signing session, docs/security.md).</summary>
/// <param name="Meaning">executed, reviewed or approved.</param>
public sealed record QualificationSignRequest(string? Meaning, string? UserName, string? Password, string? Comment);

/// <summary>POST /api/qualification/runs/{runId}/deviations/{number}/disposition: QA's signed disposition.</summary>
/// <param name="RetestRun">A stored re-test run of this run that passed and covered the deviation's scenario; required
/// for a failed row unless the disposition starts with "no re-test:".</param>
public sealed record DispositionRequest(string? Disposition, string? RetestRun, string? UserName, string? Password);

/// <summary>The answer to an upload: the run id and its page.</summary>
public sealed record QualificationUploaded(string Id, string Url);
