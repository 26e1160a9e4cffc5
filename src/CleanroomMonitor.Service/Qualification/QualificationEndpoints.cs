using System.Security.Claims;
using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Qualification;

public static class QualificationEndpoints
{
    /// <summary>The stored report is served with no script, no fetch, no form and in a sandbox: it is a document, and
    /// whatever it contains cannot act in the service's origin.</summary>
    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>OQ runs as controlled records (docs/security.md "OQ runs"): upload (Operator, QA or Admin, tokens allowed),
    /// read (any signed-in user of the facility), signatures and dispositions (a person, checked by the rules and the
    /// signature itself; every refusal counted and logged).</summary>
    public static IEndpointRouteBuilder MapQualificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/qualification/runs").WithTags("Qualification").RequireAuthorization(Policies.Read);
        group.MapPost("/", UploadAsync).RequireAuthorization(Policies.Qualify)
            .WithDescription("Stores an OQ run of the simulators' kit (report HTML and CSV verbatim, deviations) as a controlled record. reportSha256 must be the " +
                             "SHA-256 of the UTF-8 reportHtml; a stored run id is 409; retestOf must name a stored run. Uploading is not a signature.");
        group.MapGet("/", async (ClaimsPrincipal user, QualificationRuns runs, CancellationToken ct) => TypedResults.Ok(await runs.ListAsync(user, ct)))
            .WithDescription("Every stored OQ run, newest first, with its deviations, signatures and status.");
        group.MapGet("/{runId}", async Task<Results<Ok<QualificationRunView>, NotFound>> (string runId, ClaimsPrincipal user, QualificationRuns runs, CancellationToken ct) =>
            await runs.FindAsync(runId, user, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound());
        group.MapGet("/{runId}/report", ReportAsync)
            .WithDescription("The stored report HTML exactly as uploaded, under a Content-Security-Policy that lets it run no script.");
        group.MapGet("/{runId}/pdf", PdfAsync)
            .WithDescription("The report followed by a signature manifest page, printed by headless Chromium (503 when Chromium is not installed).");
        group.MapPost("/{runId}/signatures", SignAsync)
            .WithDescription("A person's signature: meaning executed (Operator, QA), then reviewed (QA, not the executor), then approved (QA, neither of them; " +
                             "the run complete and every deviation dispositioned). Password re-entered, and the user id on the first signature of a session. " +
                             "409 out of order or twice, 403 wrong role or same person, 401 wrong password or a token.");
        group.MapPost("/{runId}/deviations/{number}/disposition", DispositionAsync)
            .WithDescription("QA's signed disposition of a deviation (once). A failed row needs retestRun (a stored, passing re-test run of this run covering " +
                             "its scenario) unless the disposition starts with 'no re-test:' and gives the reason.");
        return app;
    }

    private static async Task<Results<Created<QualificationUploaded>, ProblemHttpResult>> UploadAsync(QualificationUploadRequest? request, ClaimsPrincipal user,
        QualificationRuns runs, CancellationToken ct)
    {
        var (run, refusal) = await runs.UploadAsync(request, user, ct);
        if (run is null)
        {
            return Problem(refusal!);
        }
        var url = "/Qualification/Run/" + Uri.EscapeDataString(run.RunId);
        return TypedResults.Created(url, new QualificationUploaded(run.RunId, url));
    }

    private static async Task<Results<ContentHttpResult, NotFound>> ReportAsync(string runId, ClaimsPrincipal user, QualificationRuns runs, HttpContext context,
        CancellationToken ct)
    {
        if (await runs.ReportAsync(runId, user, ct) is not { } report)
        {
            return TypedResults.NotFound();
        }
        context.Response.Headers.ContentSecurityPolicy = ReportPolicy;
        return TypedResults.Content(report.Html, "text/html; charset=utf-8");
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> PdfAsync(string runId, ClaimsPrincipal user, QualificationRuns runs,
        ChromiumPdf chromium, TimeProvider time, ILogger<QualificationRuns> logger, CancellationToken ct)
    {
        if (await runs.FindAsync(runId, user, ct) is not { } view || await runs.ReportAsync(runId, user, ct) is not { } report)
        {
            return TypedResults.NotFound();
        }
        if (!chromium.IsAvailable)
        {
            return TypedResults.Problem($"PDF export needs headless Chromium at {chromium.ExecutablePath}, which is not installed on this server; " +
                                        $"open the stored report ({view.ReportUrl}) and the run page instead.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        try
        {
            var pdf = await chromium.PrintAsync(QualificationManifest.Document(view, report.Html, time.GetUtcNow(), user.Identity?.Name ?? "unknown"), ct);
            return TypedResults.File(pdf, "application/pdf",
                $"oq-{string.Concat(runId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'))}.pdf");
        }
        catch (ReportPdfException ex)
        {
            logger.QualificationPdfFailed(runId, ex.Message);
            return TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status500InternalServerError);
        }
    }

    private static async Task<Results<Ok<QualificationSignature>, ProblemHttpResult>> SignAsync(string runId, QualificationSignRequest? request,
        ClaimsPrincipal user, QualificationRuns runs, CancellationToken ct)
    {
        var (signature, refusal) = await runs.SignAsync(runId, request, user, ct);
        return signature is null ? Problem(refusal!) : TypedResults.Ok(signature);
    }

    private static async Task<Results<Ok<DeviationDisposition>, ProblemHttpResult>> DispositionAsync(string runId, string number, DispositionRequest? request,
        ClaimsPrincipal user, QualificationRuns runs, CancellationToken ct)
    {
        var (disposition, refusal) = await runs.DispositionAsync(runId, number, request, user, ct);
        return disposition is null ? Problem(refusal!) : TypedResults.Ok(disposition);
    }

    public static int StatusOf(QualificationFailure failure) => failure switch
    {
        QualificationFailure.Invalid => StatusCodes.Status400BadRequest,
        QualificationFailure.NotFound => StatusCodes.Status404NotFound,
        QualificationFailure.Forbidden => StatusCodes.Status403Forbidden,
        QualificationFailure.Signature => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status409Conflict,
    };

    private static ProblemHttpResult Problem(QualificationRefusal refusal) => TypedResults.Problem(refusal.Message, statusCode: StatusOf(refusal.Failure));
}
