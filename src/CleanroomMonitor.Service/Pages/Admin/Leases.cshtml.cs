using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Admin;

/// <summary>Which tenant rents which room when: the list and the form to record a lease, through
/// <see cref="UserAdministration"/> as /api/admin/leases. Leases decide what a tenant's users see and where they may
/// start batches. A lease that has not ended can be ended or given a new planned end, each with a reason, as
/// /api/admin/leases/{id}/end and /change; an ended lease is history and has no forms.</summary>
public sealed class LeasesModel(UserAdministration administration, FacilityDefinition facility, SiteClock clock) : PageModel
{
    public IReadOnlyList<RoomLease> Leases { get; private set; } = [];

    public IReadOnlyList<Room> Rooms => facility.Rooms;

    public IReadOnlyList<string> Tenants { get; private set; } = [];

    public DateTimeOffset Now => clock.Now;

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public NewLeaseInput Add { get; set; } = new();

    [BindProperty]
    public LeaseEndInput Row { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken) =>
        OutcomeAsync(administration.CreateLeaseAsync(new LeaseRequest(Add.Room, Add.Tenant, SiteTime(Add.From), SiteTime(Add.To), Add.Reason), User,
            cancellationToken), lease => $"Room {lease.Room} leased to {lease.Tenant}.", cancellationToken);

    public Task<IActionResult> OnPostEndAsync(CancellationToken cancellationToken) =>
        OutcomeAsync(administration.EndLeaseAsync(Row.Id, SiteTime(Row.At), Row.Reason, User, cancellationToken),
            lease => $"Lease of room {lease.Room} to {lease.Tenant} ended.", cancellationToken);

    public Task<IActionResult> OnPostChangeAsync(CancellationToken cancellationToken) =>
        OutcomeAsync(administration.ChangeLeaseEndAsync(Row.Id, SiteTime(Row.At), Row.Reason, User, cancellationToken),
            lease => $"Lease of room {lease.Room} to {lease.Tenant} changed.", cancellationToken);

    public static string StateOf(RoomLease lease, DateTimeOffset now) => lease.From > now ? "planned" : lease.To is { } to && to <= now ? "ended" : "current";

    private DateTimeOffset? SiteTime(DateTime? local) => local is { } at ? clock.FromSiteTime(at) : null;

    /// <summary>Done: the notice and back to the list; refused: the API's words on the page with its status.</summary>
    private async Task<IActionResult> OutcomeAsync(Task<ChangeOutcome<RoomLease>> change, Func<RoomLease, string> notice, CancellationToken cancellationToken)
    {
        var outcome = await change;
        if (outcome.Value is { } lease)
        {
            Notice = notice(lease);
            return RedirectToPage();
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Leases = await administration.LeasesAsync(cancellationToken);
        Tenants = Leases.Select(l => l.Tenant).Concat((await administration.UsersAsync(cancellationToken)).Select(u => u.Tenant).OfType<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}
