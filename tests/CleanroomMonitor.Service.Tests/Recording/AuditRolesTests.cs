using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Tests.Doubles;
using CleanroomMonitor.Service.Tests.Evaluation;

namespace CleanroomMonitor.Service.Tests.Recording;

/// <summary>The role an audit entry records for its actor: the person's or credential's stored roles at the time of the
/// action, written as sign-in entries write them (GMP finding: entries said "user").</summary>
public sealed class AuditRolesTests
{
    private static readonly DateTimeOffset T0 = EngineStage.T0;
    private readonly InMemoryUserStore _users = new();
    private AuditRoles Roles => new(_users);

    private static ApiToken Token(string name, ApiTokenKind kind, DateTimeOffset created, DateTimeOffset? revoked, params Role[] roles) =>
        new(Guid.NewGuid(), name, "hash-" + name + created.Ticks, roles, null, "admin", created, revoked, kind);

    [Fact]
    public async Task OfAsync_ServiceAccount_IsSystemWithoutReadingTheStore()
    {
        var roles = new AuditRoles(new ThrowingUserStore());

        Assert.Equal("system", await roles.OfAsync(AuditEntries.ServiceAccount, CancellationToken.None));
    }

    [Theory]
    [InlineData(new[] { Role.Operator }, "Operator")]
    [InlineData(new[] { Role.Operator, Role.QA }, "Operator,QA")]
    [InlineData(new Role[0], "none")]
    public async Task OfAsync_Person_TheirStoredRolesJoinedAsSignInWritesThem(Role[] stored, string expected)
    {
        _users.Users.Add(InMemoryUserStore.Person("op", stored));

        Assert.Equal(expected, await Roles.OfAsync("op", CancellationToken.None));
    }

    [Fact]
    public async Task OfAsync_UnknownName_IsUnknown()
    {
        Assert.Equal("unknown", await Roles.OfAsync("nobody", CancellationToken.None));
        Assert.Equal("unknown", await Roles.OfAsync("token:nobody", CancellationToken.None));
    }

    [Fact]
    public async Task OfAsync_Token_TheActiveTokenOfThatNameAndKind()
    {
        _users.Tokens.Add(Token("mes-line", ApiTokenKind.Client, T0, T0.AddDays(1), Role.Viewer));   // revoked, name reused
        _users.Tokens.Add(Token("mes-line", ApiTokenKind.Client, T0.AddDays(1), null, Role.Operator));
        _users.Tokens.Add(Token("mes-line", ApiTokenKind.Display, T0.AddDays(2), null, Role.Viewer));   // a display with the same name
        _users.Tokens.Add(Token("corridor", ApiTokenKind.Display, T0, null, Role.Viewer));

        Assert.Equal("Operator", await Roles.OfAsync("token:mes-line", CancellationToken.None));
        Assert.Equal("Viewer", await Roles.OfAsync("display:corridor", CancellationToken.None));
    }

    [Fact]
    public async Task OfAsync_RolesChangeLater_EachEntryKeepsTheRoleAtItsAction()
    {
        await using var stage = await EngineStage.StartAsync();
        var person = InMemoryUserStore.Person("op.alice", Role.Operator);
        stage.Users.Users.Add(person);
        await stage.Engine.StartBatchAsync(new BatchStart("B-1", "CAR-T", "tenant-a", ["cr1"], "open", null, "op.alice"), "campaign start", CancellationToken.None);

        stage.Users.Users[0] = person with { Roles = [Role.QA] };
        await stage.Engine.EndBatchAsync(new BatchEnd("B-1", null, "op.alice"), "campaign end", CancellationToken.None);

        Assert.Equal("Operator", Assert.Single(stage.Records.Audit, a => a.Action == AuditAction.BatchStarted).Role);
        Assert.Equal("QA", Assert.Single(stage.Records.Audit, a => a.Action == AuditAction.BatchEnded).Role);
    }

    [Fact]
    public void Of_Principal_ItsRoleClaimsJoined()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "qa"), new Claim(ClaimTypes.Role, "Viewer"),
            new Claim(ClaimTypes.Role, "QA")], "test", ClaimTypes.Name, ClaimTypes.Role));

        Assert.Equal("Viewer,QA", AuditRoles.Of(principal));
    }

    [Theory]
    [InlineData("token:mes-line", "mes-line", ApiTokenKind.Client)]
    [InlineData("display:corridor", "corridor", ApiTokenKind.Display)]
    public void CredentialOf_PrefixedActor_NameAndKind(string actor, string name, ApiTokenKind kind) =>
        Assert.Equal((name, kind), AuditRoles.CredentialOf(actor));

    [Fact]
    public void CredentialOf_Person_Null() => Assert.Null(AuditRoles.CredentialOf("op.alice"));

    private sealed class ThrowingUserStore : IUserStore
    {
        public Task<User?> FindUserAsync(string userName, CancellationToken cancellationToken) => throw new InvalidOperationException("read");
        public Task<IReadOnlyList<User>> UsersAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("read");
        public Task SaveUserAsync(User user, AuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ApiToken?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) => throw new InvalidOperationException("read");
        public Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("read");
        public Task SaveTokenAsync(ApiToken token, AuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<RoomLease>> LeasesAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("read");
        public Task SaveLeaseAsync(RoomLease lease, AuditEntry audit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
