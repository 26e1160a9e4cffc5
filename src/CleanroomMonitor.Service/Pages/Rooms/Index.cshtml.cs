using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>The rooms the user may see now (the same cut as GET /api/rooms), each with its grade, state and open
/// excursions, linking to the room page: the way into a room without going through the live board.</summary>
public sealed class IndexModel(FacilityDefinition facility, TenantScopes scopes, ExcursionEngine engine, EngineView view, IRecordStore records,
    SiteClock clock) : PageModel
{
    public IReadOnlyList<RoomRow> Rooms { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(User, cancellationToken);
        var tenantBatches = await ExcursionEndpoints.TenantBatchesAsync(scope, records, cancellationToken);
        // Open means not closed: the count a reviewer still has to work through, as the excursion list filtered by room shows.
        var open = (await records.OpenExcursionsAsync(cancellationToken))
            .Where(e => e.Status != ExcursionStatus.Closed && scope.CanSee(e, tenantBatches))
            .GroupBy(e => e.Room).ToDictionary(g => g.Key, g => g.Count());
        await engine.Ready.WaitAsync(cancellationToken);
        var tracker = view.Current;
        Rooms = facility.Rooms.Where(r => scope.HasRoomNow(r.Id, clock.Now)).Select(room => new RoomRow(
            room.Id.Value, room.Name, room.Grade?.ToString(), LiveBoard.StateLabel(tracker.CurrentState(room.Id)),
            open.GetValueOrDefault(room.Id), tracker.ActiveBatchesIn(room.Id))).ToList();
    }
}
