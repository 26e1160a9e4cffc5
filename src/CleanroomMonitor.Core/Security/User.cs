namespace CleanroomMonitor.Core.Security;

/// <summary>A person who signs in. <see cref="Tenant"/> is the company the user works for when that company rents rooms;
/// null for the facility's own staff, who see every room. <see cref="PasswordHash"/> is ASP.NET Core Identity's
/// hash (PBKDF2 with a salt), never the password.</summary>
public sealed record User(
    Guid Id,
    string UserName,
    string PrintedName,
    IReadOnlyList<Role> Roles,
    string? Tenant,
    string PasswordHash,
    int FailedAttempts,
    DateTimeOffset? LockedUntil,
    bool Disabled,
    DateTimeOffset CreatedAt)
{
    public bool Has(Role role) => Roles.Contains(role);

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;
}
