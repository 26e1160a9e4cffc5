namespace CleanroomMonitor.Core.Security;

/// <summary>A credential for a machine client (a MES starting batches). Only the SHA-256 of the token is stored; the
/// token itself is shown once when it is created. <see cref="Roles"/> are its scopes. <see cref="Kind"/> tells a machine
/// client's token from a wall display's credential (records stored before displays existed are clients).</summary>
public sealed record ApiToken(
    Guid Id,
    string Name,
    string TokenHash,
    IReadOnlyList<Role> Roles,
    string? Tenant,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    ApiTokenKind Kind = ApiTokenKind.Client)
{
    public bool IsActive => RevokedAt is null;
}
