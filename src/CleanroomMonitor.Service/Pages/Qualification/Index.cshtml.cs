using CleanroomMonitor.Service.Qualification;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Qualification;

/// <summary>The stored OQ runs, newest first (docs/security.md "OQ runs"): any signed-in person of the facility may read them.</summary>
public sealed class IndexModel(QualificationRuns runs) : PageModel
{
    public IReadOnlyList<QualificationRunView> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Runs = await runs.ListAsync(User, cancellationToken);
}
