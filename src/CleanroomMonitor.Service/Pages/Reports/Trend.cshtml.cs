using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Core.Trends;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Service.TrendReports;
using CleanroomMonitor.Core.Facility;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Reports;

/// <summary>A room's printable trend report (/reports/trend/{room}?month=yyyy-MM, or ?from=&amp;to=): the same content as
/// the PDF inside the site layout, followed by QA's review form (through <see cref="TrendReviewing"/>, the same code as the
/// API). A bad period shows its reason; a room not visible to the user is "not found".</summary>
[Authorize(Policy = Policies.Read)]
public sealed class TrendModel(TrendReportAccess access, TrendReviewing reviewing, FacilityDefinition facility) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "month")]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    public TrendReport? Report { get; private set; }

    public string? Problem { get; private set; }

    public TimeZoneInfo SiteZone => facility.Site.TimeZone;

    public bool IsQa { get; private set; }

    public bool UserIdRequired { get; private set; }

    public string? SignError { get; private set; }

    [TempData]
    public string? SignNotice { get; set; }

    [BindProperty]
    public ReportSignInput Sign { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string room, CancellationToken cancellationToken) =>
        await LoadAsync(room, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReviewAsync(string room, CancellationToken cancellationToken)
    {
        var (_, refusal) = await reviewing.ReviewAsync(room, Month, From, To, new TrendReviewRequest(Sign.UserName, Sign.Password, Sign.Comment), User,
            cancellationToken);
        if (refusal is null)
        {
            SignNotice = "Review signed.";
            return RedirectToPage(null, null, new { room, month = Month, from = From, to = To }, "trend-review");   // post-redirect-get: a reload does not sign twice
        }
        if (!await LoadAsync(room, cancellationToken))
        {
            return NotFound();
        }
        SignError = refusal.Message;
        Response.StatusCode = ReportIssueEndpoints.StatusOf(refusal.Failure);
        Sign.Password = null;
        return Page();
    }

    private async Task<bool> LoadAsync(string room, CancellationToken cancellationToken)
    {
        var (report, target) = await access.BuildAsync(room, Month, From, To, User, cancellationToken);
        if (target.Status == StatusCodes.Status404NotFound)
        {
            return false;
        }
        Report = report;
        if (report is null)
        {
            Problem = target.Error;
            Response.StatusCode = target.Status ?? StatusCodes.Status500InternalServerError;
        }
        IsQa = User.IsInRole(nameof(Role.QA));
        UserIdRequired = reviewing.UserIdRequired(User);
        return true;
    }

    /// <summary>The review of these figures, if one was signed: the form is then not offered again.</summary>
    public bool CurrentFiguresReviewed => Report?.Reviews.Any(r => !r.FiguresChanged) == true;

    public static string MeaningReviewed => TrendReviewRules.Reviewed;

    public static int MaxCommentLength => ReportIssueRules.MaxCommentLength;
}
