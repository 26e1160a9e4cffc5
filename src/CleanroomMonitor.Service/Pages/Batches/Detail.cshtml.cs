using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Batches;

/// <summary>One batch with the excursions linked to it, and the form to end it (Operator, QA) with a reason and an
/// explicit confirmation, through <see cref="BatchControl"/> as POST /api/batches/{number}/end. Another tenant's batch
/// is "not found".</summary>
public sealed class DetailModel(IRecordStore records, TenantScopes scopes, ExcursionReview review, BatchControl control, IAuthorizationService authorization)
    : PageModel
{
    public Batch Batch { get; private set; } = null!;

    public IReadOnlyList<Excursion> Excursions { get; private set; } = [];

    public bool CanEnd { get; private set; }

    public string? Error { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [BindProperty]
    public EndBatchInput End { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEndAsync(string number, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded)
        {
            return Forbid();
        }
        ChangeOutcome<Batch> outcome = string.IsNullOrWhiteSpace(End.Reason) ? ChangeOutcome.Fail<Batch>(ChangeFailure.Invalid, "a reason is required (it goes into the audit trail)")
            : !End.Confirm ? ChangeOutcome.Fail<Batch>(ChangeFailure.Invalid, $"tick the box to confirm that batch {number} has ended")
            : await control.EndAsync(number, new EndBatchRequest(null, End.Reason), User, cancellationToken);
        if (outcome.Failure == ChangeFailure.NotFound || !await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }
        if (outcome.Value is { } batch)
        {
            Notice = $"Batch {batch.Number} ended.";
            return Redirect("/batches/" + Uri.EscapeDataString(batch.Number));   // post-redirect-get
        }
        Error = outcome.Error;
        Response.StatusCode = outcome.StatusCode;
        return Page();
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(User, cancellationToken);
        if ((await records.BatchesAsync(cancellationToken)).FirstOrDefault(b => b.Number == number && scope.CanSee(b)) is not { } batch)
        {
            return false;
        }
        Batch = batch;
        Excursions = await review.ListAsync(new ExcursionQuery(Batch: number), User, cancellationToken);
        CanEnd = batch.IsActive && (await authorization.AuthorizeAsync(User, Policies.Operate)).Succeeded;
        return true;
    }
}
