using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Service.Tests.Doubles;

/// <summary>A user store that holds room leases only (what notifications read); accounts are tested against SQLite.</summary>
internal sealed class LeaseOnlyUserStore : IUserStore
{
    public List<RoomLease> Leases { get; } = [];

    public Task<IReadOnlyList<RoomLease>> LeasesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RoomLease>>([.. Leases]);

    public Task SaveLeaseAsync(RoomLease lease, AuditEntry audit, CancellationToken cancellationToken)
    {
        Leases.Add(lease);
        return Task.CompletedTask;
    }

    public Task<User?> FindUserAsync(string userName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<User>> UsersAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SaveUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ApiToken?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SaveTokenAsync(ApiToken token, AuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();
}
