using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Pages.Excursions;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Limits;

/// <summary>One limit change: old → new side by side in words, reason, effective time, its decision and evidence, and the
/// signed approve, reject and withdraw forms (docs/gmp.md "Limit changes under change control").</summary>
[Authorize(Policy = Policies.Read)]
public sealed class ChangeModel(LimitChanging changing) : PageModel
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

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, changing.ApproveAsync, "Approved with your signature.", cancellationToken);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, changing.RejectAsync, "Rejected with your signature.", cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(id, changing.WithdrawAsync, "Withdrawn with your signature.", cancellationToken);

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
        return true;
    }
}

public sealed class LimitChangeSignInput
{
    public string? Reason { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
