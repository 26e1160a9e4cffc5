using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Service.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>Notifications for the facility's administrators, as /api/notifications: who is on call now, the routes with
/// a test button each, the contacts, the recent delivery record, and the plan's text to change (validated whole; every
/// problem shown with its path and value; saved with a reason in the audit trail).</summary>
public sealed class NotificationsModel(NotificationAdministration administration) : PageModel
{
    public NotificationPlan Plan => administration.Plan;

    public StoredPlan? Stored => administration.Stored;

    public IReadOnlyList<OnCallNow> OnCall { get; private set; } = [];

    public IReadOnlyList<Delivery> Recent { get; private set; } = [];

    public IReadOnlyList<ConfigError> Problems { get; private set; } = [];

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public string? PlanText { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Route { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PlanText = administration.Stored?.Text;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var (saved, problems) = await administration.SavePlanAsync(PlanText, Reason, User, cancellationToken);
        if (saved is not null)
        {
            Notice = $"Notification plan version {saved.Version} saved and in force.";
            return RedirectToPage();
        }
        Problems = problems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(CancellationToken cancellationToken)
    {
        var outcome = await administration.TestAsync(Route, Reason, User, cancellationToken);
        if (outcome.Value is { } deliveries)
        {
            Notice = $"Test of route '{Route}': {deliveries.Count(d => d.Status == DeliveryStatus.Delivered)} delivered, " +
                     $"{deliveries.Count(d => d.Status == DeliveryStatus.Pending)} still being tried, {deliveries.Count(d => d.Status is DeliveryStatus.Failed or DeliveryStatus.Unreached)} not delivered. See the delivery record below.";
            return RedirectToPage();
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        PlanText = administration.Stored?.Text;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public static string Filter<T>(IReadOnlySet<T>? values) => values is null ? "any" : string.Join(", ", values);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        OnCall = administration.OnCall();
        Recent = await administration.RecentAsync(50, cancellationToken);
    }
}
