using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.AlertLevels;
using CleanroomMonitor.Service.Live;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Rooms;

/// <summary>/rooms/{id}/alert-levels: a proposed alert level for one parameter of the room from a period's stored data, in
/// words (Annex 1 9.9), through <see cref="AlertProposals"/>, the same code as GET /api/rooms/{room}/alert-proposal. The
/// page stores nothing; its value is where a limit-change proposal starts. Operators and QA of the facility.</summary>
public sealed class AlertLevelsModel(FacilityDefinition facility, AlertProposals proposals, SiteClock clock) : PageModel
{
    public Room Room { get; private set; } = null!;

    /// <summary>The parameters the room's sensors measure: (wire name, label).</summary>
    public IReadOnlyList<(string Value, string Label)> Parameters { get; private set; } = [];

    public IReadOnlyList<string> Sensors { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Parameter { get; set; }

    [BindProperty(SupportsGet = true)]
    public string State { get; set; } = "at-rest";

    /// <summary>Site time, as a <c>datetime-local</c> input sends it; empty: 30 days before now.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Site time; empty: now.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sensor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Tail { get; set; } = "0.01";

    public AlertProposalView? Proposal { get; private set; }

    public string? Error { get; private set; }

    public bool MayPropose { get; private set; }

    /// <summary>The propose form filled with this proposal (limit changes are proposed by QA), or null.</summary>
    public string? ChangeLink
    {
        get
        {
            if (Proposal is not { } p || !User.IsInRole(nameof(Core.Security.Role.QA)) || p.Levels.All(l => l.Value is null))
            {
                return null;
            }
            var query = new Dictionary<string, string?>
            {
                ["room"] = p.Room, ["sensor"] = string.IsNullOrEmpty(Sensor) ? null : Sensor, ["parameter"] = p.Parameter, ["state"] = p.State,
                ["alertLow"] = Text(p.Levels.FirstOrDefault(l => l.Side == "low")?.Value), ["alertHigh"] = Text(p.Levels.FirstOrDefault(l => l.Side == "high")?.Value),
                ["from"] = SiteClock.Iso(p.From), ["to"] = SiteClock.Iso(p.To), ["tail"] = p.Tail.ToString(CultureInfo.InvariantCulture),
            };
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/limits/propose", query.Where(q => q.Value is not null));
        }
    }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!facility.TryGetRoom(new RoomId(id), out var room))
        {
            return NotFound();
        }
        Room = room;
        var sensors = facility.SensorsIn(room.Id).ToList();
        Sensors = [.. sensors.Select(s => s.Id.Value)];
        Parameters = [.. sensors.SelectMany(s => s.Parameters).Distinct().Order().Select(p => (p.WireName(), LiveBoard.Label(p)))];
        MayPropose = AlertProposals.MayPropose(User);
        From ??= clock.SiteInput(clock.Now.AddDays(-30));
        To ??= clock.SiteInput(clock.Now);
        if (!MayPropose || Parameter is null)
        {
            return Page();
        }
        if (SiteTime(From) is not { } from || SiteTime(To) is not { } to)
        {
            Error = $"From '{From}' and to '{To}' must be dates and times (yyyy-mm-dd hh:mm, site time).";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var outcome = await proposals.ProposeAsync(new AlertProposalRequest(room.Id.Value, Parameter, State, SiteClock.Iso(from), SiteClock.Iso(to),
            string.IsNullOrEmpty(Sensor) ? null : Sensor, Tail), User, cancellationToken);
        Proposal = outcome.Value;
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        return Page();
    }

    /// <summary>A percentage as the page writes it ("0.9 %").</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0#", CultureInfo.InvariantCulture) + " %";

    private static string? Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    public static string Figure(double? value, string format = "0.###") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";

    private DateTimeOffset? SiteTime(string text) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? clock.FromSiteTime(local) : null;
}
