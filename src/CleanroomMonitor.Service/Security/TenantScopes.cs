using System.Security.Claims;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Service.Security;

/// <summary>Builds the <see cref="TenantScope"/> of a request's principal from the current room leases.</summary>
public sealed class TenantScopes(IUserStore users)
{
    public async Task<TenantScope> ForAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        new(principal, principal.FindFirstValue(ClaimNames.Tenant) is null ? [] : await users.LeasesAsync(cancellationToken));
}
