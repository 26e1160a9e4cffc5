using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Reports;

/// <summary>The reports the user may read: the batch EM report of every visible batch, running ones first (a report
/// of a running batch is provisional), then ended ones, newest first. Periodic reports will be listed here too.</summary>
public sealed class IndexModel(IRecordStore records, TenantScopes scopes) : PageModel
{
    public IReadOnlyList<Batch> Running { get; private set; } = [];

    public IReadOnlyList<Batch> Ended { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(User, cancellationToken);
        var visible = (await records.BatchesAsync(cancellationToken)).Where(scope.CanSee).OrderByDescending(b => b.StartedAt).ToList();
        Running = visible.Where(b => b.IsActive).ToList();
        Ended = visible.Where(b => !b.IsActive).OrderByDescending(b => b.EndedAt).ToList();
    }
}
