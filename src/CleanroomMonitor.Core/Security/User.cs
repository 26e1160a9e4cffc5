namespace CleanroomMonitor.Core.Security;

/// <summary>A person who signs in. <see cref="Tenant"/> is the company the user works for when that company rents rooms;
/// null for the facility's own staff, who see every room. <see cref="PasswordHash"/> is ASP.NET Core Identity's
/// hash (PBKDF2 with a salt), never the password.</summary>
/// <param name="SessionVersion">Raised whenever the account's existing sessions must end (disabled, locked, password
/// changed or reset); a session cookie carries the version it was issued with and is refused once they differ.</param>
/// <param name="MustChangePassword">The password was set by someone else (an admin): the holder must choose their own
/// at the next sign-in before doing anything else (Part 11 §11.300).</param>
/// <param name="PasswordChangedAt">When the password was last set; null for accounts stored before it was kept (their
/// <see cref="CreatedAt"/> counts).</param>
/// <param name="PreviousPasswordHashes">Hashes of the last passwords, newest first, so none of them is chosen again.</param>
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
    DateTimeOffset CreatedAt,
    int SessionVersion = 0,
    bool MustChangePassword = false,
    DateTimeOffset? PasswordChangedAt = null,
    IReadOnlyList<string>? PreviousPasswordHashes = null)
{
    public bool Has(Role role) => Roles.Contains(role);

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;
}
