using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages;

/// <summary>The live board: rendered complete on the server (usable without JavaScript), then kept current by
/// live.js from GET /api/live/stream. A display credential gets the same board without controls.</summary>
public sealed class IndexModel(LiveBoard board, TenantScopes scopes) : PageModel
{
    public LiveSnapshot Snapshot { get; private set; } = new(DateTimeOffset.MinValue, []);

    /// <summary>Signed in with a display credential (<see cref="DisplaySessions"/>): the wall-display layout.</summary>
    public bool IsDisplay => DisplaySessions.IsDisplay(User);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Snapshot = await board.SnapshotAsync(await scopes.ForAsync(User, cancellationToken), cancellationToken);
}
