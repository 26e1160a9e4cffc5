using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Replay;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Pages.Excursions;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Records;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Limits;

/// <summary>One limit change: old → new side by side in words, reason, effective time, its decision and evidence, and the
/// signed approve, reject and withdraw forms, and the form that replays a period as evidence (docs/gmp.md "Limit changes
/// under change control").</summary>
[Authorize(Policy = Policies.Read)]
public sealed class ChangeModel(LimitChanging changing, LimitChangeReplays replays, SiteClock clock) : PageModel
{
    public LimitChangeView Change { get; private set; } = null!;

    public bool IsQa => User.IsInRole(nameof(Role.QA));

    public bool IsProposer => Change.ProposedBy == User.Identity?.Name;

    public bool UserIdRequired { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public LimitChangeSignInput Sign { get; set; } = new();

    /// <summary>The replay form's period in site time; it starts as the last 30 days.</summary>
    [BindProperty]
    public ReplayPeriodInput Replay { get; set; } = new();

    /// <summary>Whether the replay form is shown: to Operators and QA while the change is proposed.</summary>
    public bool MayReplay => Change.State == LimitChangeState.Proposed && LimitChangeReplays.Roles.Any(r => User.IsInRole(r.ToString()));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, changing.ApproveAsync, "Approved with your signature.", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, changing.RejectAsync, "Rejected with your signature.", cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, changing.WithdrawAsync, "Withdrawn with your signature.", cancellationToken);

    /// <summary>Replays the period under the limits in force and with the change applied, and keeps the comparison as
    /// evidence: the same code as POST /api/limit-changes/{id}/replay.</summary>
    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        // A datetime-local names a minute: "to 10:57" runs through 10:57:59, or up to now within the current minute (as on the room's replay page).
        DateTimeOffset? end = Replay.To is { } to ? clock.FromSiteTime(to).AddMinutes(1) : null;
        var request = new LimitChangeReplayRequest(Replay.From is { } from ? clock.FromSiteTime(from) : null, end > clock.Now ? clock.Now : end);
        var (_, refusal) = await replays.AddAsync(id, request, User, cancellationToken);
        if (refusal is null)
        {
            Notice = "The period was replayed; its comparison is kept as evidence below.";
            return Redirect($"/limits/changes/{id}");
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Error = refusal.Message;
        Response.StatusCode = Api.LimitChangeEndpoints.StatusOf(refusal.Failure);
        return Page();
    }

    /// <summary>A "replay" evidence's comparison, or null when the JSON is not one (evidence added through the generic
    /// endpoint is kept as given, so it is shown as given).</summary>
    public static ReplayComparison? AsReplay(LimitChangeEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        if (evidence.Kind != LimitChangeReplays.Kind)
        {
            return null;
        }
        try
        {
            var comparison = RecordJson.Deserialize<ReplayComparison>(evidence.Json);
            return comparison.Series is null || comparison.Differences is null || comparison.CurrentVersion is null ? null : comparison;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A recorded limit set in words ("Alert range 18.0–22.0 °C · Action range 16.0–25.0 °C; delay 30 s: doors"), or
    /// the recorded text when it cannot be read back.</summary>
    public static string Words(string parameter, string? description)
    {
        if (description is null)
        {
            return "not judged";
        }
        if (!ParameterCatalog.TryParse(parameter, out var info) || !RecordedLimits.TryParse(description, out var limits))
        {
            return description;
        }
        var text = LimitText.Describe(info.Parameter, limits.Alert, limits.Action);
        if (limits.Delay > TimeSpan.Zero || limits.DelaySamples > 1)
        {
            text += $"; delay {limits.Delay.TotalSeconds:0} s / {limits.DelaySamples} sample(s)";
        }
        return limits.Justification is { } why ? $"{text}; justification: {why}" : text;
    }

    private async Task<IActionResult> DecideAsync(Guid id,
        Func<Guid, LimitChangeSignRequest?, System.Security.Claims.ClaimsPrincipal, CancellationToken, Task<(LimitChangeView?, LimitChangeRefusal?)>> decide,
        string notice, CancellationToken cancellationToken)
    {
        var (_, refusal) = await decide(id, new LimitChangeSignRequest(Sign.Reason, Sign.UserName, Sign.Password), User, cancellationToken);
        if (refusal is null)
        {
            Notice = notice;
            return Redirect($"/limits/changes/{id}");   // post-redirect-get: a reload does not sign twice
        }
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Error = refusal.Message;
        Response.StatusCode = Api.LimitChangeEndpoints.StatusOf(refusal.Failure);
        Sign.Password = null;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await changing.FindAsync(id, User, cancellationToken) is not { } change)
        {
            return false;
        }
        Change = change;
        UserIdRequired = changing.UserIdRequired(User);
        Replay.From ??= TimeZoneInfo.ConvertTime(clock.Now.AddDays(-30), clock.Zone).DateTime;
        Replay.To ??= TimeZoneInfo.ConvertTime(clock.Now, clock.Zone).DateTime;
        return true;
    }
}

public sealed class LimitChangeSignInput
{
    public string? Reason { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }
}

/// <summary>The replay form's period in site time, as <c>datetime-local</c> inputs send it.</summary>
public sealed class ReplayPeriodInput
{
    public DateTime? From { get; set; }

    public DateTime? To { get; set; }
}
