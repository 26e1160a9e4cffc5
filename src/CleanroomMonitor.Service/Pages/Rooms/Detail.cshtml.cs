using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
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
/// force at each time (they follow the room's state), the states and batches shaded, particle counts on a log scale; its operation and non-monitoring windows, and the forms to declare and end them
/// (Operator, QA) through <see cref="RoomWindows"/>, the same code as POST /api/rooms/{room}/windows.</summary>
public sealed class DetailModel(FacilityDefinition facility, TenantScopes scopes, ExcursionEngine engine, EngineView view, Trends trends, SiteClock clock, RoomWindows roomWindows,
    IAuthorizationService authorization, OutOfServiceControl outOfService) : PageModel
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

    /// <summary>"log" (the default: particle counts on a logarithmic scale) or "linear" (every chart linear).</summary>
    [BindProperty(SupportsGet = true)]
    public string Scale { get; set; } = "log";

    public IReadOnlyList<TrendChart> Charts { get; private set; } = [];

    /// <summary>Each sensor parameter with its limits in force now, in the words the live board uses (<see cref="LimitText"/>).</summary>
    public IReadOnlyList<(string Sensor, string Parameter, string Limits)> LimitsNow { get; private set; } = [];

    public string? Problem { get; private set; }

    public IReadOnlyList<RoomWindow> Windows { get; private set; } = [];

    public bool CanDeclare { get; private set; }

    /// <summary>The room's out-of-service periods (open ones first on the page); the form needs Operator or Admin.</summary>
    public IReadOnlyList<OutOfServicePeriod> OutOfService { get; private set; } = [];

    public bool CanMaintain { get; private set; }

    /// <summary>"sensor" and "sensor/parameter" choices of the take-out-of-service form.</summary>
    public IReadOnlyList<(string Value, string Label)> Targets { get; private set; } = [];

    [BindProperty]
    public OutOfServiceInput TakeOut { get; set; } = new();

    [BindProperty]
    public ReturnToServiceInput ReturnIn { get; set; } = new();

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

    public async Task<IActionResult> OnPostOutOfServiceAsync(string id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Maintain)).Succeeded)
        {
            return Forbid();
        }
        var parts = (TakeOut.Target ?? "").Split('/', 2);
        var request = new OutOfServiceRequest(parts[0], parts.Length > 1 ? parts[1] : null,
            TakeOut.ExpectedEnd is { } end ? clock.FromSiteTime(end) : null, TakeOut.Reason);
        var outcome = await outOfService.TakeAsync(id, request, User, cancellationToken);
        return await AfterAsync(id, outcome, p => $"{Describe(p)} is out of service until {SiteClock.Utc(p.ExpectedEnd)} at the latest.", cancellationToken);
    }

    public async Task<IActionResult> OnPostReturnToServiceAsync(string id, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Maintain)).Succeeded)
        {
            return Forbid();
        }
        var outcome = await outOfService.ReturnAsync(id, ReturnIn.Id, new ReasonRequest(ReturnIn.Reason), User, cancellationToken);
        return await AfterAsync(id, outcome, p => $"{Describe(p)} is back in service since {SiteClock.Utc(p.ReturnedAt!.Value)}.", cancellationToken);
    }

    /// <summary>"Sensor pc1" or "Sensor pc1, ≥0.5 µm".</summary>
    public static string Describe(OutOfServicePeriod period) =>
        $"Sensor {period.Sensor}{(period.Parameter is { } p ? ", " + LiveBoard.Label(p) : "")}";

    public static string Label(RoomWindowKind kind) => kind == RoomWindowKind.NonMonitoring ? "Non-monitoring" : "Operation";

    private async Task<IActionResult> AfterAsync<T>(string id, ChangeOutcome<T> outcome, Func<T, string> notice, CancellationToken cancellationToken)
        where T : class
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
        Scale = Scale == "linear" ? "linear" : "log";
        var to = clock.Now;
        var from = to - TimeSpan.FromHours(Hours);
        await engine.Ready.WaitAsync(cancellationToken);
        var tracker = view.Current;
        var state = tracker.CurrentState(room.Id);
        State = LiveBoard.StateLabel(state);
        var limits = facility.SensorsIn(room.Id).SelectMany(s => s.Parameters.Select(p => (s, p, tracker.Limits.Resolve(s, p, state)))).ToList();
        LimitsNow = limits.Select(l => (l.s.Id.Value, LiveBoard.Label(l.p), LimitText.Describe(l.Item3))).ToList();
        Windows = await roomWindows.ListAsync(id, User, cancellationToken) ?? [];
        CanDeclare = (await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded;
        OutOfService = await outOfService.ListAsync(id, User, cancellationToken) ?? [];
        CanMaintain = (await authorization.AuthorizeAsync(User, Policies.Maintain)).Succeeded;
        Targets = facility.SensorsIn(room.Id).SelectMany(s => s.Parameters.Count > 1
                ? s.Parameters.Select(p => ($"{s.Id}/{p.WireName()}", $"{s.Id}: {LiveBoard.Label(p)} only")).Prepend((s.Id.Value, $"{s.Id}: the whole sensor"))
                : [(s.Id.Value, $"{s.Id} ({LiveBoard.Label(s.Parameters[0])})")]).ToList();
        IReadOnlyList<TrendSeries> series = [];
        var scope = await scopes.ForAsync(User, cancellationToken);
        var backdrop = await trends.BackdropAsync(room.Id, from, to, scope.CanSee, cancellationToken);
        try
        {
            series = await trends.QueryAsync(room.Id, null, null, from, to, cancellationToken);
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            Problem = "The trend data could not be read from InfluxDB: " + ex.Message;
        }
        // Each chart draws the limits in force at each time (the room's state then), not today's over the past.
        Charts = facility.SensorsIn(room.Id).SelectMany(s => s.Parameters.Select(p => TrendChart.Build($"{s.Id} · {LiveBoard.Label(p)}", p,
            series.FirstOrDefault(t => t.Sensor == s.Id && t.Parameter == p), LimitPeriod.Over(tracker.Limits, s, p, backdrop.States), from, to, clock.Chart,
            backdrop.Batches, logarithmic: Scale == "log" && p.Info().IsParticleCount))).ToList();
        return true;
    }
}
