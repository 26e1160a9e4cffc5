using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Pages.FloorPlans;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages;

/// <summary>The floor plan: the rooms drawn from their layouts in the facility file, coloured by the live board's
/// snapshot (cut to the user's tenant), with the pressure cascade as arrows. Rendered complete on the server, then
/// kept current by floorplan.js from GET /api/live/stream.</summary>
public sealed class FloorPlanModel(FacilityDefinition facility, LiveBoard board, TenantScopes scopes) : PageModel
{
    public LiveSnapshot Snapshot { get; private set; } = new(DateTimeOffset.MinValue, []);

    public FloorPlanView Plan { get; private set; } = new([], []);

    public string SiteName => facility.Site.Name;

    /// <summary>Signed in with a display credential (<see cref="DisplaySessions"/>): the wall-display layout.</summary>
    public bool IsDisplay => DisplaySessions.IsDisplay(User);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Snapshot = await board.SnapshotAsync(await scopes.ForAsync(User, cancellationToken), cancellationToken);
        Plan = FloorPlanView.Build(facility, Snapshot, PressureCascade.Links(facility));
    }
}
