using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Limits;

/// <summary>The limits in force now per room and sensor (the facility file plus every effective limit change), and the
/// limit changes by state (docs/gmp.md "Limit changes under change control").</summary>
[Authorize(Policy = Policies.Read)]
public sealed class IndexModel(LimitChanging changing, TenantScopes scopes, FacilityDefinition facility, TimeProvider time) : PageModel
{
    /// <summary>Per room the sensor parameters with their limits at rest and in operation, in words.</summary>
    public IReadOnlyList<(Room Room, IReadOnlyList<(Sensor Sensor, Parameter Parameter, string AtRest, string InOperation)> Rows)> Rooms { get; private set; } = [];

    public IReadOnlyList<LimitChangeView> Changes { get; private set; } = [];

    public bool IsQa => User.IsInRole(nameof(Role.QA));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var book = new LimitBook(await changing.InForceAsync(cancellationToken));
        var scope = await scopes.ForAsync(User, cancellationToken);
        var now = time.GetUtcNow();
        Rooms = [.. facility.Rooms.Where(r => scope.HasRoomNow(r.Id, now)).Select(room => (room,
            (IReadOnlyList<(Sensor, Parameter, string, string)>)[.. facility.SensorsIn(room.Id).SelectMany(s => s.Parameters.Select(p => (s, p,
                LimitText.Describe(book.Resolve(s, p, RoomState.AtRest)), LimitText.Describe(book.Resolve(s, p, RoomState.InOperation)))))]))];
        Changes = await changing.ListAsync(User, null, null, cancellationToken);
    }

    public static string StateText(LimitChangeState state) => state switch
    {
        LimitChangeState.Proposed => "Proposed, awaiting approval",
        LimitChangeState.Approved => "Approved, scheduled",
        _ => state.ToString(),
    };
}
