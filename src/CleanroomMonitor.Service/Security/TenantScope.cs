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
}
