using System.Globalization;
using System.Security.Claims;
using System.Text;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.TrendReports;

public static class TrendReportEndpoints
{
    /// <summary>A room's trend report (docs/reports.md "Trend report"): GET /api/rooms/{room}/trend-report (JSON), .csv,
    /// .html and .pdf, each with ?month=yyyy-MM (default: the current month in site time) or ?from=&amp;to=; and POST
    /// .../trend-report/review, QA's signed review. A room the tenant did not hold for the whole period is "not found".</summary>
    public static IEndpointRouteBuilder MapTrendReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rooms/{room}").WithTags("Reports").RequireAuthorization(Policies.Read);
        group.MapGet("/trend-report", async Task<Results<Ok<TrendReport>, ProblemHttpResult>> (string room, string? month, string? from, string? to, ClaimsPrincipal user,
                TrendReportAccess access, CancellationToken ct) => await access.BuildAsync(room, month, from, to, user, ct) switch
                {
                    ({ } report, _) => TypedResults.Ok(report),
                    (_, var target) => Problem(target),
                })
            .WithDescription("The room's trend report for a month (?month=yyyy-MM, default the current one) or any ?from=&to=: excursions by kind and level, " +
                             "repeats, recurrences after maintenance, time in alert and action, completeness, percentiles against limits, adverse trends, reviews.");
        group.MapGet("/trend-report.csv", async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string room, string? month, string? from, string? to,
            ClaimsPrincipal user, TrendReportAccess access, CancellationToken ct) =>
        {
            var (report, target) = await access.BuildAsync(room, month, from, to, user, ct);
            return report is null ? Problem(target)
                : TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TrendReportCsv.Write(report))).ToArray(),
                    "text/csv; charset=utf-8; header=present", FileName(report, "csv"));
        });
        group.MapGet("/trend-report.html", async Task<Results<ContentHttpResult, ProblemHttpResult>> (string room, string? month, string? from, string? to,
            ClaimsPrincipal user, TrendReportAccess access, FacilityDefinition facility, CancellationToken ct) =>
        {
            var (report, target) = await access.BuildAsync(room, month, from, to, user, ct);
            return report is null ? Problem(target) : TypedResults.Text(TrendReportHtml.Document(report, facility.Site.TimeZone), "text/html; charset=utf-8");
        });
        group.MapGet("/trend-report.pdf", PdfAsync);
        group.MapPost("/trend-report/review", async Task<Results<Ok<TrendReviewView>, ProblemHttpResult>> (string room, string? month, string? from, string? to,
                TrendReviewRequest? request, ClaimsPrincipal user, TrendReviewing reviewing, CancellationToken ct) =>
                await reviewing.ReviewAsync(room, month, from, to, request, user, ct) switch
                {
                    ({ } review, _) => TypedResults.Ok(review),
                    (_, var refusal) => TypedResults.Problem(refusal!.Message, statusCode: ReportIssueEndpoints.StatusOf(refusal.Failure)),
                })
            .WithDescription("QA's signed review of the room's trend report for the period (password re-entered; the user id on a session's first signature): " +
                             "stores the SHA-256 of the figures signed. 409 period not ended or these figures reviewed already, 403 not QA, 401 wrong password or a token.");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(string room, string? month, string? from, string? to, ClaimsPrincipal user,
        TrendReportAccess access, ChromiumPdf chromium, FacilityDefinition facility, ILogger<TrendReportAccess> logger, CancellationToken ct)
    {
        if (!chromium.IsAvailable)
        {
            return TypedResults.Problem($"PDF export needs headless Chromium at {chromium.ExecutablePath}, which is not installed on this server; " +
                                        $"print the report page (/reports/trend/{room}) or download the CSV instead.", statusCode: StatusCodes.Status501NotImplemented);
        }
        var (report, target) = await access.BuildAsync(room, month, from, to, user, ct);
        if (report is null)
        {
            return Problem(target);
        }
        try
        {
            return TypedResults.File(await chromium.PrintAsync(TrendReportHtml.Document(report, facility.Site.TimeZone), ct), "application/pdf", FileName(report, "pdf"));
        }
        catch (ReportPdfException ex)
        {
            logger.TrendReportPdfFailed(room, ex.Message);
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static ProblemHttpResult Problem(TrendTarget target) => TypedResults.Problem(target.Error, statusCode: target.Status ?? StatusCodes.Status500InternalServerError);

    private static string FileName(TrendReport report, string extension) => string.Create(CultureInfo.InvariantCulture,
        $"trend-report-{Safe(report.Room)}-{(report.Month ?? $"{report.From.UtcDateTime:yyyyMMddHHmm}-{report.To.UtcDateTime:yyyyMMddHHmm}")}.{extension}");

    private static string Safe(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
