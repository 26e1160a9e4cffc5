using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.AlertLevels;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Limits;

/// <summary>QA proposes a limit change: the level (a room, or a sensor in it), the parameter, the new limits in the facility
/// file's shape, the reason and the effective time. The rules are those of the API (<see cref="LimitChanging"/>). Started
/// from the alert-levels page, it comes filled with the level's limits in force and the proposed alert level in the room
/// state's block, and the alert-level proposal is kept with the change as evidence.</summary>
[Authorize(Policy = Policies.Read)]
public sealed class ProposeModel(LimitChanging changing, AlertProposalEvidence alertEvidence, FacilityDefinition facility) : PageModel
{
    public FacilityDefinition Facility => facility;

    [BindProperty]
    public ProposeInput Input { get; set; } = new();

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>The form as the alert-levels page's link fills it: room, sensor, parameter, and the proposed alert level
    /// (alertLow, alertHigh) for the room state (state: at-rest or in-operation) of the period (from, to, tail) it was
    /// computed over.</summary>
    public async Task OnGetAsync(string? room, string? sensor, string? parameter, string? state, double? alertLow, double? alertHigh, string? from,
        string? to, string? tail, CancellationToken cancellationToken)
    {
        Input.Room = room;
        Input.Sensor = sensor;
        Input.Parameter = parameter;
        if (room is null || (alertLow is null && alertHigh is null) || !ParameterCatalog.TryParse(parameter ?? "", out var info))
        {
            return;
        }
        var inForce = await changing.InForceAsync(cancellationToken);
        var level = !string.IsNullOrEmpty(sensor)
            ? inForce.TryGetSensor(new SensorId(sensor), out var known) ? known.Limits : null
            : inForce.TryGetRoom(new RoomId(room), out var known2) ? known2.Limits : null;
        // A change replaces the level's whole spec, so the form starts from the spec in force and changes only the alert
        // level of the state the data were taken in: the action limit, delay and justification stay as they are.
        var spec = JsonNode.Parse(LimitSpecJson.Write(level?.GetValueOrDefault(info.Parameter) ?? LimitSpec.Empty))!.AsObject();
        var stateKey = state == "in-operation" ? "inOperation" : "atRest";
        var block = spec[stateKey] as JsonObject ?? [];
        var alert = block["alert"] as JsonObject ?? [];
        if (alertLow is { } low)
        {
            alert["low"] = low;
        }
        if (alertHigh is { } high)
        {
            alert["high"] = high;
        }
        block["alert"] = alert.DeepClone();
        spec[stateKey] = block.DeepClone();
        Input.Limits = spec.ToJsonString();
        Input.Reason = $"Alert level from the stored data of {from} to {to} ({state ?? "at-rest"}); the alert-level proposal is attached as evidence.";
        (Input.AlertState, Input.AlertFrom, Input.AlertTo, Input.AlertSensor, Input.AlertTail) = (state, from, to, sensor, tail);
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
        if (view is null)
        {
            return Refused(refusal!.Message, Api.LimitChangeEndpoints.StatusOf(refusal.Failure));
        }
        if (Input.AlertFrom is not null
            && await alertEvidence.AddAsync(view.Id, new AlertProposalRequest(view.Room, view.Parameter, Input.AlertState, Input.AlertFrom, Input.AlertTo,
                string.IsNullOrEmpty(Input.AlertSensor) ? null : Input.AlertSensor, Input.AlertTail), User, cancellationToken) is { } error)
        {
            Notice = $"Proposed; the alert-level proposal could not be kept as evidence: {error}";
        }
        return Redirect($"/limits/changes/{view.Id}");
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

    /// <summary>The alert-levels request the form was started from (kept as evidence with the change); null otherwise.</summary>
    public string? AlertState { get; set; }

    public string? AlertFrom { get; set; }

    public string? AlertTo { get; set; }

    public string? AlertSensor { get; set; }

    public string? AlertTail { get; set; }
}
