using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Security;

/// <summary>A room rented to a tenant for a period [From, To); To null means until further notice. A tenant's users see
/// the excursions of rooms leased to it while they happened, besides those linked to its batches.</summary>
public sealed record RoomLease(Guid Id, RoomId Room, string Tenant, DateTimeOffset From, DateTimeOffset? To, string By)
{
    public bool Overlaps(DateTimeOffset start, DateTimeOffset? end) => From <= (end ?? DateTimeOffset.MaxValue) && (To is null || To > start);
}
