namespace CleanroomMonitor.Service.TrendReports;

/// <summary>POST /api/rooms/{room}/trend-report/review: QA's signature (password again; the user id too on the first
/// signature of a signing session) and a comment.</summary>
public sealed record TrendReviewRequest(string? UserName, string? Password, string? Comment);
