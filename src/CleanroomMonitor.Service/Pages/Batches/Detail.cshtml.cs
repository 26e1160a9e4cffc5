using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Batches;

/// <summary>One batch with the excursions linked to it. Another tenant's batch is "not found".</summary>
public sealed class DetailModel(IRecordStore records, TenantScopes scopes, ExcursionReview review) : PageModel
{
    public Batch Batch { get; private set; } = null!;

    public IReadOnlyList<Excursion> Excursions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        number = number.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);   // routing decodes every escape in a segment but %2F
        var scope = await scopes.ForAsync(User, cancellationToken);
        if ((await records.BatchesAsync(cancellationToken)).FirstOrDefault(b => b.Number == number && scope.CanSee(b)) is not { } batch)
        {
            return NotFound();
        }
        Batch = batch;
        Excursions = await review.ListAsync(new ExcursionQuery(Batch: number), User, cancellationToken);
        return Page();
    }
}
