using System.Security.Claims;
using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace CleanroomMonitor.Service.Reports;

public static class ReportIssueEndpoints
{
    /// <summary>The review, approval and issue of a batch report (docs/reports.md "Review, approval and issue"), under the
    /// report's own address. Reading needs any signed-in user who may see the batch; the signatures are checked by
    /// <see cref="ReportIssueRules"/> and the signature itself, so that every refusal (a wrong role too) is counted,
    /// logged and audited like the others, as for the breach review.</summary>
    public static IEndpointRouteBuilder MapReportIssueEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/batches/{number}/report").WithTags("Reports").RequireAuthorization(Policies.Read);
        group.MapGet("/issues", async Task<Results<Ok<ReportIssueView>, NotFound>> (string number, ClaimsPrincipal user, ReportIssuing issuing, CancellationToken ct) =>
                await issuing.FindAsync(number, user, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithDescription("The report's current version and stage, its review and approval signatures, and every issued version with its SHA-256 and PDF address.");
        group.MapPost("/review", async (string number, ReportSignRequest? request, ClaimsPrincipal user, ReportIssuing issuing, CancellationToken ct) =>
                Answer(await issuing.ReviewAsync(number, request, user, ct)))
            .WithDescription("QA's signed review of the current version (the batch must have ended). Password re-entered, and the user id on the first " +
                             "signature of a session. 409 batch running or already reviewed, 403 not QA, 401 wrong password or a token.");
        group.MapPost("/approve", async (string number, ReportSignRequest? request, ClaimsPrincipal user, ReportIssuing issuing, CancellationToken ct) =>
                Answer(await issuing.ApproveAsync(number, request, user, ct)))
            .WithDescription("A second QA person's signed approval: renders the PDF once with the approval block and freezes it with its SHA-256 " +
                             "(report.pdf is then that file). 403 the reviewer or not QA, 409 not reviewed or already issued, 503 the PDF cannot be rendered.");
        group.MapPost("/reissue", async (string number, ReportReissueRequest? request, ClaimsPrincipal user, ReportIssuing issuing, CancellationToken ct) =>
                Answer(await issuing.ReissueAsync(number, request, user, ct)))
            .WithDescription("QA's signed request for a new version of an issued report, with a reason (400 without one): the new version is reviewed and " +
                             "approved afresh; the issued versions stay retrievable.");
        group.MapGet("/issues/{version:int}.pdf", async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> (string number, int version,
                ClaimsPrincipal user, ReportIssuing issuing, CancellationToken ct) => await IssuedPdfAsync(number, version, user, issuing, ct) ?? TypedResults.NotFound())
            .WithDescription("The frozen PDF of an issued version, byte for byte as stored at approval (ETag: its SHA-256).");
        return app;
    }

    /// <summary>The stored file of an issued version (null: the latest), or null when there is none; a 500 problem when
    /// the stored bytes no longer match their hash.</summary>
    internal static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>?> IssuedPdfAsync(string number, int? version, ClaimsPrincipal user,
        ReportIssuing issuing, CancellationToken ct)
    {
        try
        {
            if (await issuing.IssuedPdfAsync(number, version, user, ct) is not var (issue, pdf))
            {
                return null;
            }
            var name = $"em-report-{string.Concat(issue.Batch.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'))}-v{issue.Version}.pdf";
            return TypedResults.File(pdf, "application/pdf", name, lastModified: issue.IssuedAt, entityTag: new EntityTagHeaderValue($"\"{issue.Sha256}\""));
        }
        catch (InvalidDataException ex)
        {
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    public static int StatusOf(ReportIssueFailure failure) => failure switch
    {
        ReportIssueFailure.Invalid => StatusCodes.Status400BadRequest,
        ReportIssueFailure.NotFound => StatusCodes.Status404NotFound,
        ReportIssueFailure.Forbidden => StatusCodes.Status403Forbidden,
        ReportIssueFailure.Signature => StatusCodes.Status401Unauthorized,
        ReportIssueFailure.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status409Conflict,
    };

    private static Results<Ok<ReportIssueView>, ProblemHttpResult> Answer((ReportIssueView? View, ReportIssueRefusal? Refusal) outcome) =>
        outcome.View is { } view ? TypedResults.Ok(view) : TypedResults.Problem(outcome.Refusal!.Message, statusCode: StatusOf(outcome.Refusal.Failure));
}
