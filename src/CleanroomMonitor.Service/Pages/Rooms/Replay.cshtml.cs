using System.Text.Json;
using System.Text.Json.Nodes;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Replay;
using CleanroomMonitor.Service.Replay;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>A room's stored period replayed under proposed alert and action values, beside the current ones (docs/excursions.md
/// "Replaying history under other limits"), through <see cref="ReplayRunner"/>, the same code as POST /api/rooms/{room}/replay.
/// Operator and QA, as for the API; nothing is recorded.</summary>
public sealed class ReplayModel(FacilityDefinition facility, ReplayRunner runner, SiteClock clock, IAuthorizationService authorization) : PageModel
{
    public Room Room { get; private set; } = null!;

    [BindProperty]
    public ReplayInput Input { get; set; } = new();

    public ReplayComparison? Comparison { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Where a change may apply: the room's own limits, or one of its sensors'.</summary>
    public IReadOnlyList<(string Value, string Label)> Targets { get; private set; } = [];

    public IReadOnlyList<(string Value, string Label)> Parameters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) is { } refused ? refused : Page();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        var spec = new JsonObject();
        if (Band(Input.AlertLow, Input.AlertHigh) is { } alert)
        {
            spec["alert"] = alert;
        }
        if (Band(Input.ActionLow, Input.ActionHigh) is { } action)
        {
            spec["action"] = action;
        }
        var change = new JsonObject { [Input.Parameter] = spec };
        var proposed = Input.Target == "room"
            ? new JsonObject { ["rooms"] = new JsonObject { [Room.Id.Value] = change } }
            : new JsonObject { ["sensors"] = new JsonObject { [Input.Target] = change } };
        // A datetime-local names a minute: "to 10:57" runs through 10:57:59, or up to now within the current minute.
        DateTimeOffset? end = Input.To is { } to ? clock.FromSiteTime(to).AddMinutes(1) : null;
        var request = new ReplayRequest(Input.From is { } from ? clock.FromSiteTime(from) : null, end > clock.Now ? clock.Now : end,
            JsonSerializer.SerializeToElement(proposed));
        var outcome = await runner.RunAsync(Room.Id.Value, request, User, cancellationToken);
        Comparison = outcome.Value;
        Error = outcome.Error;
        if (Error is not null)
        {
            Response.StatusCode = outcome.StatusCode;
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string id)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded)
        {
            return Forbid();
        }
        if (!facility.TryGetRoom(new RoomId(id), out var room))
        {
            return NotFound();
        }
        Room = room;
        var sensors = facility.SensorsIn(room.Id).ToList();
        Targets = [("room", $"room {room.Id} (all its sensors)"), .. sensors.Select(s => (s.Id.Value, $"sensor {s.Id} ({s.Location})"))];
        Parameters = [.. sensors.SelectMany(s => s.Parameters).Distinct().Select(p => (p.WireName(), Live.LiveBoard.Label(p)))];
        var now = clock.Now;
        Input.From ??= TimeZoneInfo.ConvertTime(now.AddDays(-30), clock.Zone).DateTime;
        Input.To ??= TimeZoneInfo.ConvertTime(now, clock.Zone).DateTime;
        return null;
    }

    private static JsonObject? Band(double? low, double? high)
    {
        if (low is null && high is null)
        {
            return null;
        }
        var band = new JsonObject();
        if (low is { } l)
        {
            band["low"] = l;
        }
        if (high is { } h)
        {
            band["high"] = h;
        }
        return band;
    }
}
