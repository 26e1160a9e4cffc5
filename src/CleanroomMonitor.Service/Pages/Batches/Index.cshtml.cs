using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Batches;

/// <summary>The batches the user's tenant may see, newest first (same cut as GET /api/batches).</summary>
public sealed class IndexModel(IRecordStore records, TenantScopes scopes) : PageModel
{
    public IReadOnlyList<Batch> Batches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(User, cancellationToken);
        Batches = (await records.BatchesAsync(cancellationToken)).Where(scope.CanSee).OrderByDescending(b => b.StartedAt).ToList();
    }
}
