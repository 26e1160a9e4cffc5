using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>The person acting on a limit change, as the rules need them: name, roles, tenant (null for the facility's own
/// staff), and whether their tenant leases the change's room now.</summary>
public sealed record LimitChangeActor(string UserName, IReadOnlyCollection<Role> Roles, string? Tenant, bool LeasesRoom)
{
    public bool IsFacilityStaff => Tenant is null;
}
