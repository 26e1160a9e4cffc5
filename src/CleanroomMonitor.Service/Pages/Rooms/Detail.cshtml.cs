using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>A room's trends: every sensor parameter over the last hours (InfluxDB aggregates), with the limits in
/// force in the room's current state; its operation and non-monitoring windows, and the forms to declare and end them
/// (Operator, QA) through <see cref="RoomWindows"/>, the same code as POST /api/rooms/{room}/windows.</summary>
public sealed class DetailModel(FacilityDefinition facility, TenantScopes scopes, ExcursionEngine engine, Trends trends, SiteClock clock, RoomWindows roomWindows,
    IAuthorizationService authorization) : PageModel
{
    public static readonly int[] Ranges = [1, 4, 8, 24, 72];

    public static readonly (string Value, string Label, string Hint)[] Kinds =
    [
        ("operation", "In operation", "no batch running: set-up, media fill, training; in-operation limits apply"),
        ("non-monitoring", "Not monitored", "Annex 1 9.19–9.20: a process that could harm the counters (live viral vectors, powders); readings are stored but not judged"),
    ];

    public Room Room { get; private set; } = null!;

    public string State { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public int Hours { get; set; } = 4;

    public IReadOnlyList<TrendChart> Charts { get; private set; } = [];

    public string? Problem { get; private set; }

    public IReadOnlyList<RoomWindow> Windows { get; private set; } = [];

    public bool CanDeclare { get; private set; }

    public DateTimeOffset Now => clock.Now;

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public WindowInput Declare { get; set; } = new();

    [BindProperty]
    public EndWindowInput EndWindow { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeclareAsync(string id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded)
        {
            return Forbid();
        }
        var request = new WindowRequest(Declare.Kind, Declare.From is { } from ? clock.FromSiteTime(from) : null, Declare.To is { } to ? clock.FromSiteTime(to) : null,
            Declare.Reason);
        var outcome = await roomWindows.DeclareAsync(id, request, User, cancellationToken);
        return await AfterAsync(id, outcome, w => $"{Label(w.Kind)} window declared until {SiteClock.Utc(w.To)}.", cancellationToken);
    }

    public async Task<IActionResult> OnPostEndWindowAsync(string id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded)
        {
            return Forbid();
        }
        var outcome = await roomWindows.EndAsync(id, EndWindow.Id, new ReasonRequest(EndWindow.Reason), User, cancellationToken);
        return await AfterAsync(id, outcome, w => $"{Label(w.Kind)} window ended at {SiteClock.Utc(w.To)}.", cancellationToken);
    }

    public static string Label(RoomWindowKind kind) => kind == RoomWindowKind.NonMonitoring ? "Non-monitoring" : "Operation";

    private async Task<IActionResult> AfterAsync(string id, ChangeOutcome<RoomWindow> outcome, Func<RoomWindow, string> notice, CancellationToken cancellationToken)
    {
        if (outcome.Value is { } window)
        {
            Notice = notice(window);
            return RedirectToPage(new { id });   // post-redirect-get: a reload does not declare twice
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if (!facility.TryGetRoom(new RoomId(id), out var room) || !(await scopes.ForAsync(User, cancellationToken)).HasRoomNow(room.Id, clock.Now))
        {
            return false;
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
        Windows = await roomWindows.ListAsync(id, User, cancellationToken) ?? [];
        CanDeclare = (await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded;
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
        return true;
    }
}
