using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Reports;

/// <summary>The printable batch EM report (/reports/batch/{number}): the same content as the PDF, inside the site
/// layout, with a print stylesheet, followed by its review and approval (the forms go through <see cref="ReportIssuing"/>,
/// the same code as the JSON API, so the rules and the signature are checked again on every POST). Another tenant's batch
/// is "not found".</summary>
[Authorize(Policy = Policies.Read)]
public sealed class BatchModel(TenantScopes scopes, IRecordStore records, BatchReportBuilder builder, FacilityDefinition facility, ReportIssuing issuing) : PageModel
{
    public BatchReport? Report { get; private set; }

    public string? Problem { get; private set; }

    public TimeZoneInfo SiteZone => facility.Site.TimeZone;

    /// <summary>The report's review, approval and issued versions.</summary>
    public ReportIssueView Issue { get; private set; } = null!;

    /// <summary>The batch has ended: its report may be reviewed.</summary>
    public bool BatchEnded { get; private set; }

    /// <summary>The signed-in person holds QA, the role that reviews, approves and asks for a new version.</summary>
    public bool IsQa { get; private set; }

    /// <summary>This session's next signature needs the user id too (as on the excursion page).</summary>
    public bool UserIdRequired { get; private set; }

    public string? SignError { get; private set; }

    [TempData]
    public string? SignNotice { get; set; }

    [BindProperty]
    public ReportSignInput Sign { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReviewAsync(string number, CancellationToken cancellationToken)
    {
        var (_, refusal) = await issuing.ReviewAsync(number, new ReportSignRequest(Sign.UserName, Sign.Password, Sign.Comment), User, cancellationToken);
        return await AfterAsync(number, refusal, "Review signed.", cancellationToken);
    }

    public async Task<IActionResult> OnPostApproveAsync(string number, CancellationToken cancellationToken)
    {
        var (view, refusal) = await issuing.ApproveAsync(number, new ReportSignRequest(Sign.UserName, Sign.Password, Sign.Comment), User, cancellationToken);
        return await AfterAsync(number, refusal, $"Approved and issued as version {view?.Version}; its PDF is frozen.", cancellationToken);
    }

    public async Task<IActionResult> OnPostReissueAsync(string number, CancellationToken cancellationToken)
    {
        var (view, refusal) = await issuing.ReissueAsync(number, new ReportReissueRequest(Sign.Reason, Sign.UserName, Sign.Password), User, cancellationToken);
        return await AfterAsync(number, refusal, $"Version {view?.Version} opened for review.", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string number, ReportIssueRefusal? refusal, string notice, CancellationToken cancellationToken)
    {
        if (refusal is null)
        {
            SignNotice = notice;
            return RedirectToPage(null, null, new { number }, "review-and-approval");   // post-redirect-get: a reload does not sign twice
        }
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        SignError = refusal.Message;
        Response.StatusCode = ReportIssueEndpoints.StatusOf(refusal.Failure);
        Sign.Password = null;
        return Page();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        if (await ReportEndpoints.FindAsync(number, User, scopes, records, cancellationToken) is not { } batch
            || await issuing.FindAsync(number, User, cancellationToken) is not { } issue)
        {
            return false;
        }
        Issue = issue;
        BatchEnded = !batch.IsActive;
        IsQa = User.IsInRole(nameof(Role.QA));
        UserIdRequired = issuing.UserIdRequired(User);
        try
        {
            Report = await builder.BuildAsync(batch, User.Identity?.Name ?? "unknown", cancellationToken);
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            Problem = $"The report's figures could not be read from InfluxDB: {ex.Message}";
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
        return true;
    }
}

/// <summary>The review, approval and new-version forms: the signer's password again (and the user id on the session's first signature).</summary>
public sealed class ReportSignInput
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? Comment { get; set; }

    /// <summary>Why a new version is needed (the new-version form only).</summary>
    public string? Reason { get; set; }
}
