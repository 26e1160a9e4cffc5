using System.Security.Claims;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Service.Security;

/// <summary>Builds the <see cref="TenantScope"/> of a request's principal from the current room leases.</summary>
public sealed class TenantScopes(IUserStore users, FacilityDefinition facility)
{
    public async Task<TenantScope> ForAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        new(principal, principal.FindFirstValue(ClaimNames.Tenant) is null ? [] : await users.LeasesAsync(cancellationToken));

    /// <summary>The rule of the room actions (windows, out of service): the room exists and, for a tenant's user, is
    /// rented to that tenant at <paramref name="now"/>. Callers answer "not found" otherwise, so another tenant's rooms
    /// stay invisible.</summary>
    public async Task<bool> MayActInRoomAsync(ClaimsPrincipal principal, string room, DateTimeOffset now, CancellationToken cancellationToken) =>
        facility.TryGetRoom(new RoomId(room), out _) && (await ForAsync(principal, cancellationToken)).HasRoomNow(new RoomId(room), now);
}
