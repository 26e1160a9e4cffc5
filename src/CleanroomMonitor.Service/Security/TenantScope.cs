using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Service.Security;

/// <summary>What a principal may see in a shared facility. The facility's own staff (no tenant) see everything; a
/// tenant's users see their tenant's batches, the excursions linked to them or raised in a room leased to the tenant
/// at the time, and the rooms leased to it now.</summary>
public sealed class TenantScope(ClaimsPrincipal principal, IReadOnlyList<RoomLease> leases)
{
    public string? Tenant { get; } = principal.FindFirstValue(ClaimNames.Tenant);

    public bool IsFacilityStaff => Tenant is null;

    public bool CanSee(Batch batch) => IsFacilityStaff || batch.Tenant == Tenant;

    public bool CanSee(Excursion excursion, IReadOnlyCollection<string> tenantBatches) =>
        IsFacilityStaff
        || excursion.Batches.Any(tenantBatches.Contains)
        || leases.Any(l => l.Tenant == Tenant && l.Room == excursion.Room && l.Overlaps(excursion.StartedAt, excursion.EndedAt));

    public bool HasRoomNow(RoomId room, DateTimeOffset now) =>
        IsFacilityStaff || leases.Any(l => l.Tenant == Tenant && l.Room == room && l.Overlaps(now, now));

    /// <summary>The room was leased to the tenant over the whole of [from, to), by one lease or several back to back: a
    /// trend report shows the room's figures for all of its period, so a tenant sees it only for a time the room was theirs.</summary>
    public bool HadRoomThroughout(RoomId room, DateTimeOffset from, DateTimeOffset to)
    {
        if (IsFacilityStaff)
        {
            return true;
        }
        var covered = from;
        foreach (var lease in leases.Where(l => l.Tenant == Tenant && l.Room == room).OrderBy(l => l.From))
        {
            if (lease.From > covered)
            {
                break;
            }
            if (lease.To is not { } end || end >= to)
            {
                return true;
            }
            covered = end > covered ? end : covered;
        }
        return covered >= to;
    }
}
