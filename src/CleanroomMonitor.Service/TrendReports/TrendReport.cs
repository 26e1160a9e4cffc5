using CleanroomMonitor.Core.Trends;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>A room's trend report over a period (docs/reports.md "Trend report"): the figures (<see cref="TrendFigures"/>),
/// those of the previous period of the same length, the adverse trends the rules find between them, the SHA-256 of the
/// figures a review signs, and the reviews.</summary>
/// <param name="FiguresSha256">SHA-256 of the JSON of <see cref="Figures"/> and <see cref="Adverse"/> (<see cref="TrendReportHash"/>).</param>
public sealed record TrendReport(
    string Room,
    string RoomName,
    string? Grade,
    DateTimeOffset From,
    DateTimeOffset To,
    string Period,
    string? Month,
    DateTimeOffset GeneratedAt,
    string GeneratedBy,
    string SiteName,
    string SiteTimeZone,
    string FacilityVersion,
    TrendFigures Figures,
    TrendFigures Previous,
    IReadOnlyList<TrendAdverse> Adverse,
    string FiguresSha256,
    IReadOnlyList<TrendReviewView> Reviews)
{
    /// <summary>The period has not ended yet: its figures still grow.</summary>
    public bool IsProvisional { get; init; }
}
