using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>A room's trends: every sensor parameter over the last hours (InfluxDB aggregates), with the limits in
/// force in the room's current state.</summary>
public sealed class DetailModel(FacilityDefinition facility, TenantScopes scopes, ExcursionEngine engine, Trends trends, SiteClock clock) : PageModel
{
    public static readonly int[] Ranges = [1, 4, 8, 24, 72];

    public Room Room { get; private set; } = null!;

    public string State { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public int Hours { get; set; } = 4;

    public IReadOnlyList<TrendChart> Charts { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!facility.TryGetRoom(new RoomId(id), out var room) || !(await scopes.ForAsync(User, cancellationToken)).HasRoomNow(room.Id, clock.Now))
        {
            return NotFound();
        }
        Room = room;
        Hours = Ranges.Contains(Hours) ? Hours : 4;
        var to = clock.Now;
        var from = to - TimeSpan.FromHours(Hours);
        await engine.Ready.WaitAsync(cancellationToken);
        var (state, limits) = await engine.RunAsync((tracker, _, _) =>
        {
            var current = tracker.Rooms.Current(room.Id);
            return Task.FromResult((current, facility.SensorsIn(room.Id)
                .SelectMany(s => s.Parameters.Select(p => (s, p, tracker.Limits.Resolve(s, p, current)))).ToList()));
        }, cancellationToken);
        State = LiveBoard.StateLabel(state);
        IReadOnlyList<TrendSeries> series = [];
        try
        {
            series = await trends.QueryAsync(room.Id, null, null, from, to, cancellationToken);
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            Problem = "The trend data could not be read from InfluxDB: " + ex.Message;
        }
        Charts = limits.Select(l => TrendChart.Build($"{l.s.Id} · {LiveBoard.Label(l.p)}", l.p,
            series.FirstOrDefault(t => t.Sensor == l.s.Id && t.Parameter == l.p), l.Item3, from, to, clock.Zone)).ToList();
        return Page();
    }
}
