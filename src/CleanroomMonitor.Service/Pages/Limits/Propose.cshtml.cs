using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Limits;

/// <summary>QA proposes a limit change: the level (a room, or a sensor in it), the parameter, the new limits in the facility
/// file's shape, the reason and the effective time. The rules are those of the API (<see cref="LimitChanging"/>).</summary>
[Authorize(Policy = Policies.Read)]
public sealed class ProposeModel(LimitChanging changing, FacilityDefinition facility) : PageModel
{
    public FacilityDefinition Facility => facility;

    [BindProperty]
    public ProposeInput Input { get; set; } = new();

    public string? Error { get; private set; }

    public void OnGet(string? room, string? sensor, string? parameter)
    {
        Input.Room = room;
        Input.Sensor = sensor;
        Input.Parameter = parameter;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        JsonElement? limits = null;
        try
        {
            using var document = JsonDocument.Parse(Input.Limits ?? "");
            limits = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Refused($"The limits are not valid JSON: {ex.Message}", StatusCodes.Status400BadRequest);
        }
        if (!DateTimeOffset.TryParse(Input.EffectiveAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var effectiveAt))
        {
            return Refused($"'{Input.EffectiveAt}' is not a time: write it as 2026-12-07T14:00Z (UTC)", StatusCodes.Status400BadRequest);
        }
        var (view, refusal) = await changing.ProposeAsync(new LimitChangeProposal(Input.Room, Input.Sensor, Input.Parameter, limits, Input.Reason, effectiveAt),
            User, cancellationToken);
        return view is not null
            ? Redirect($"/limits/changes/{view.Id}")
            : Refused(refusal!.Message, Api.LimitChangeEndpoints.StatusOf(refusal.Failure));
    }

    private PageResult Refused(string message, int status)
    {
        Error = message;
        Response.StatusCode = status;
        return Page();
    }
}

public sealed class ProposeInput
{
    public string? Room { get; set; }

    public string? Sensor { get; set; }

    public string? Parameter { get; set; }

    public string? Limits { get; set; }

    public string? Reason { get; set; }

    public string? EffectiveAt { get; set; }
}
