using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Security;

/// <summary>Users, API tokens and room leases, kept with the GMP records: every change writes its audit entry in the
/// same transaction and the same hash chain (user administration is GMP-relevant, Annex 11 §12).</summary>
public interface IUserStore
{
    Task<User?> FindUserAsync(string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> UsersAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or updates a user (matched by id) and appends <paramref name="audit"/>. The password hash is
    /// left out of the audit's old and new values.</summary>
    Task SaveUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken);

    Task<ApiToken?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken);

    Task SaveTokenAsync(ApiToken token, AuditEntry audit, CancellationToken cancellationToken);

    Task<IReadOnlyList<RoomLease>> LeasesAsync(CancellationToken cancellationToken);

    Task SaveLeaseAsync(RoomLease lease, AuditEntry audit, CancellationToken cancellationToken);
}
