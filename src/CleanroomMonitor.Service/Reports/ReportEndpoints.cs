using System.Security.Claims;
using System.Text;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Reports;

public static class ReportEndpoints
{
    /// <summary>The batch EM report: GET /api/batches/{number}/report (JSON), /report.csv and /report.pdf. Another
    /// tenant's batch is "not found", as for the batch itself.</summary>
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/batches").WithTags("Reports").RequireAuthorization(Policies.Read);
        group.MapGet("/{number}/report", async (string number, ClaimsPrincipal user, TenantScopes scopes, IRecordStore records, BatchReportBuilder builder,
            CancellationToken ct) => await BuildAsync(number, user, scopes, records, builder, ct) switch
            {
                (BatchReport report, _) => (Results<Ok<BatchReport>, NotFound, ProblemHttpResult>)TypedResults.Ok(report),
                (_, ProblemHttpResult problem) => problem,
                _ => TypedResults.NotFound(),
            });
        group.MapGet("/{number}/report.csv", async (string number, ClaimsPrincipal user, TenantScopes scopes, IRecordStore records, BatchReportBuilder builder,
            CancellationToken ct) => await BuildAsync(number, user, scopes, records, builder, ct) switch
            {
                (BatchReport report, _) => (Results<FileContentHttpResult, NotFound, ProblemHttpResult>)TypedResults.File(
                    Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(BatchReportCsv.Write(report))).ToArray(),
                    "text/csv; charset=utf-8; header=present", FileName(report, "csv")),
                (_, ProblemHttpResult problem) => problem,
                _ => TypedResults.NotFound(),
            });
        group.MapGet("/{number}/report.pdf", PdfAsync);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> PdfAsync(string number, ClaimsPrincipal user, TenantScopes scopes,
        IRecordStore records, BatchReportBuilder builder, ChromiumPdf chromium, FacilityDefinition facility, ILogger<BatchReportBuilder> logger,
        ReportIssuing issuing, CancellationToken ct)
    {
        // Once issued, a print of the report is the frozen file, never a new rendering (docs/reports.md "Review, approval and issue").
        if (await ReportIssueEndpoints.IssuedPdfAsync(number, null, user, issuing, ct) is { } issued)
        {
            return issued;
        }
        if (!chromium.IsAvailable)
        {
            return TypedResults.Problem($"PDF export needs headless Chromium at {chromium.ExecutablePath}, which is not installed on this server; " +
                                        $"print the report page (/reports/batch/{number}) or download the CSV instead.", statusCode: StatusCodes.Status501NotImplemented);
        }
        var (report, problem) = await BuildAsync(number, user, scopes, records, builder, ct);
        if (report is null)
        {
            return problem is null ? TypedResults.NotFound() : problem;
        }
        try
        {
            var pdf = await chromium.PrintAsync(BatchReportHtml.Document(report, facility.Site.TimeZone), ct);
            return TypedResults.File(pdf, "application/pdf", FileName(report, "pdf"));
        }
        catch (ReportPdfException ex)
        {
            logger.BatchReportPdfFailed(number, ex.Message);
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>The report of a batch the user may see, or null (not found, or another tenant's); a problem (503) when
    /// InfluxDB cannot answer: a report without its figures must not look complete.</summary>
    internal static async Task<(BatchReport? Report, ProblemHttpResult? Problem)> BuildAsync(string number, ClaimsPrincipal user, TenantScopes scopes,
        IRecordStore records, BatchReportBuilder builder, CancellationToken ct)
    {
        if (await FindAsync(number, user, scopes, records, ct) is not { } batch)
        {
            return (null, null);
        }
        try
        {
            return (await builder.BuildAsync(batch, user.Identity?.Name ?? "unknown", ct), null);
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            return (null, TypedResults.Problem($"The report's figures could not be read from InfluxDB: {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable));
        }
    }

    internal static async Task<Batch?> FindAsync(string number, ClaimsPrincipal user, TenantScopes scopes, IRecordStore records, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(user, ct);
        return (await records.BatchesAsync(ct)).FirstOrDefault(b => b.Number == number && scope.CanSee(b));
    }

    private static string FileName(BatchReport report, string extension) =>
        $"em-report-{string.Concat(report.Batch.Number.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'))}.{extension}";
}
