using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Service.TrendReports;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Reports;

/// <summary>The reports the user may read: the batch EM report of every visible batch, running ones first (a report
/// of a running batch is provisional), then ended ones, newest first. Then per room the trend report of this month and the previous one.</summary>
public sealed class IndexModel(IRecordStore records, TenantScopes scopes, FacilityDefinition facility, TimeProvider time) : PageModel
{
    /// <summary>The rooms whose trend reports are listed: those the user may see now.</summary>
    public IReadOnlyList<Room> TrendRooms { get; private set; } = [];

    /// <summary>This month and the previous one in site time, "yyyy-MM".</summary>
    public string CurrentMonth { get; private set; } = "";

    public string PreviousMonth { get; private set; } = "";

    public IReadOnlyList<Batch> Running { get; private set; } = [];

    public IReadOnlyList<Batch> Ended { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(User, cancellationToken);
        var visible = (await records.BatchesAsync(cancellationToken)).Where(scope.CanSee).OrderByDescending(b => b.StartedAt).ToList();
        Running = visible.Where(b => b.IsActive).ToList();
        Ended = visible.Where(b => !b.IsActive).OrderByDescending(b => b.EndedAt).ToList();
        var now = time.GetUtcNow();
        TrendRooms = facility.Rooms.Where(r => scope.HasRoomNow(r.Id, now)).ToList();
        var month = TrendPeriod.MonthOf(now, facility.Site.TimeZone);
        CurrentMonth = month.Month!;
        PreviousMonth = month.Previous(facility.Site.TimeZone).Month!;
    }
}
