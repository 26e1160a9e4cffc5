namespace CleanroomMonitor.Service.Reports;

/// <summary>POST /api/batches/{number}/report/review and .../approve: a person's signature (password again; the user id too
/// on the first signature of a signing session, docs/security.md).</summary>
public sealed record ReportSignRequest(string? UserName, string? Password, string? Comment);

/// <summary>POST /api/batches/{number}/report/reissue: QA's signed request for a new version of an issued report.</summary>
/// <param name="Reason">Why the issued version no longer stands; required (1-2000 characters).</param>
public sealed record ReportReissueRequest(string? Reason, string? UserName, string? Password);
