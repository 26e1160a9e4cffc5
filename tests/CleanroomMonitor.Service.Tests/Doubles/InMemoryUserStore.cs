using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Service.Tests.Doubles;

/// <summary>A user store in memory: the accounts and tokens an audit entry's role is read from, and the room leases
/// notifications read. Saving accounts and tokens (with their audit) is tested against SQLite.</summary>
internal sealed class InMemoryUserStore : IUserStore
{
    public List<RoomLease> Leases { get; } = [];

    public List<User> Users { get; } = [];

    public List<ApiToken> Tokens { get; } = [];

    public Task<IReadOnlyList<RoomLease>> LeasesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RoomLease>>([.. Leases]);

    public Task SaveLeaseAsync(RoomLease lease, AuditEntry audit, CancellationToken cancellationToken)
    {
        Leases.Add(lease);
        return Task.CompletedTask;
    }

    public Task<User?> FindUserAsync(string userName, CancellationToken cancellationToken) =>
        Task.FromResult(Users.FirstOrDefault(u => u.UserName == userName));

    public Task<IReadOnlyList<User>> UsersAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<User>>([.. Users]);

    public Task SaveUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ApiToken?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        Task.FromResult(Tokens.FirstOrDefault(t => t.TokenHash == tokenHash));

    public Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ApiToken>>([.. Tokens]);

    public Task SaveTokenAsync(ApiToken token, AuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public static User Person(string userName, params Role[] roles) =>
        new(Guid.NewGuid(), userName, userName, roles, null, "not a hash", 0, null, false, DateTimeOffset.UnixEpoch);
}
