using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Api;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CleanroomMonitor.Service.Pages.Excursions;

/// <summary>The excursion log with filters (room, level, status, batch, period in site days), cut to what the user's
/// tenant may see, newest first.</summary>
public sealed class IndexModel(ExcursionReview review, FacilityDefinition facility, TenantScopes scopes, SiteClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Room { get; set; }

    [BindProperty(SupportsGet = true)]
    public LimitLevel? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public ExcursionStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Batch { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public IReadOnlyList<Room> Rooms { get; private set; } = [];

    public IReadOnlyList<Excursion> Excursions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = await scopes.ForAsync(User, cancellationToken);
        Rooms = facility.Rooms.Where(r => scope.HasRoomNow(r.Id, clock.Now)).ToList();
        var query = new ExcursionQuery(
            string.IsNullOrWhiteSpace(Room) ? null : new RoomId(Room),
            null,
            Status,
            string.IsNullOrWhiteSpace(Batch) ? null : Batch.Trim(),
            From is { } from ? clock.StartOfSiteDay(from) : null,
            To is { } to ? clock.StartOfSiteDay(to.AddDays(1)) : null);
        Excursions = (await review.ListAsync(query, User, cancellationToken)).Where(e => Level is null || e.Level == Level).ToList();
    }
}
