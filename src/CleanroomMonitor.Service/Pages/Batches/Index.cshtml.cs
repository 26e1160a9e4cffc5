using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Batches;

/// <summary>The batches the user's tenant may see, newest first (same cut as GET /api/batches), and the form to start
/// one (Operator, QA). The form goes through <see cref="BatchControl"/>, the same code as POST /api/batches: the same
/// tenant and lease rules, the same validation as a MES message, the same audit entry, with the reason asked here.</summary>
public sealed class IndexModel(IRecordStore records, TenantScopes scopes, BatchControl control, IAuthorizationService authorization) : PageModel
{
    public static readonly (string Value, string Label)[] Processes =
        [("open", "open manipulation (grade A in a B background)"), ("closed", "closed system")];

    public IReadOnlyList<Batch> Batches { get; private set; } = [];

    public bool CanStart { get; private set; }

    public IReadOnlyList<BatchRoomChoice> Rooms { get; private set; } = [];

    /// <summary>The user's tenant: the batch belongs to it. Null for the facility's staff, who choose.</summary>
    public string? Tenant { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public StartBatchInput Start { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded)
        {
            return Forbid();
        }
        ChangeOutcome<Batch> outcome = string.IsNullOrWhiteSpace(Start.Reason)
            ? ChangeOutcome.Fail<Batch>(ChangeFailure.Invalid, "a reason is required (it goes into the audit trail)")
            : await control.StartAsync(new StartBatchRequest(Start.Number, Start.Product, Start.Tenant, Start.Rooms.ToList(), Start.Process, null, Start.Reason),
                User, cancellationToken);
        if (outcome.Value is { } batch)
        {
            Notice = $"Batch {batch.Number} started in {string.Join(", ", batch.Rooms)}.";
            return Redirect("/batches/" + Uri.EscapeDataString(batch.Number));   // post-redirect-get: a reload does not start it twice
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(User, cancellationToken);
        Tenant = scope.Tenant;
        Batches = (await records.BatchesAsync(cancellationToken)).Where(scope.CanSee).OrderByDescending(b => b.StartedAt).ToList();
        CanStart = (await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded;
        if (CanStart)
        {
            Rooms = await control.RoomChoicesAsync(User, cancellationToken);
        }
    }
}
