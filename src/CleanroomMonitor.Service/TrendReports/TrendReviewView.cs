namespace CleanroomMonitor.Service.TrendReports;

/// <summary>A signed review as the report shows it: who, when, what it means, and whether the figures it signed are still
/// the report's figures (late data changes them: the review then stands for figures no longer shown).</summary>
public sealed record TrendReviewView(string PrintedName, string UserName, string Role, string Meaning, DateTimeOffset At, string Method, string? Comment,
    string FiguresSha256, bool FiguresChanged);
