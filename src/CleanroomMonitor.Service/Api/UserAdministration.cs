using System.Security.Claims;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Api;

/// <summary>User, API-token and room-lease administration, shared by /api/admin and the admin pages so both validate
/// and audit alike. Every change needs a reason and goes into the hash-chained audit trail (Annex 11 §12, docs/gmp.md §8);
/// nothing is deleted: users are disabled, tokens revoked.</summary>
public sealed class UserAdministration(IUserStore users, UserAccounts accounts, FacilityDefinition facility, TimeProvider time, ILogger<UserAdministration> logger)
{
    /// <summary>The roles a token may carry: never Admin (administration needs a person).</summary>
    public static readonly IReadOnlyList<Role> TokenRoles = [Role.Viewer, Role.Operator, Role.QA];

    public async Task<IReadOnlyList<User>> UsersAsync(CancellationToken cancellationToken) =>
        (await users.UsersAsync(cancellationToken)).OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();

    public Task<User?> FindUserAsync(string userName, CancellationToken cancellationToken) => users.FindUserAsync(userName, cancellationToken);

    public async Task<ChangeOutcome<User>> CreateUserAsync(NewUser request, ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        if (ReasonProblem(request.Reason) is { } problem)
        {
            return ChangeOutcome.Fail<User>(ChangeFailure.Invalid, problem);
        }
        var (user, error) = await accounts.CreateAsync(request with { Reason = request.Reason!.Trim() }, admin.Identity!.Name!, cancellationToken);
        if (user is null)
        {
            return ChangeOutcome.Fail<User>(error!.Contains("exists", StringComparison.Ordinal) ? ChangeFailure.Conflict : ChangeFailure.Invalid, error);
        }
        logger.UserAdministered(user.UserName, "created", admin.Identity.Name!);
        return ChangeOutcome.Done(user);
    }

    public Task<ChangeOutcome<User>> DisableAsync(string userName, string? reason, ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        admin.Identity?.Name == userName
            ? Task.FromResult(ChangeOutcome.Fail<User>(ChangeFailure.Conflict, "you cannot disable your own account"))
            : ChangeUserAsync(userName, reason, admin, AuditAction.UserDisabled, u => u with { Disabled = true, SessionVersion = u.SessionVersion + 1 }, cancellationToken);

    public Task<ChangeOutcome<User>> EnableAsync(string userName, string? reason, ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        ChangeUserAsync(userName, reason, admin, AuditAction.UserEnabled, u => u with { Disabled = false }, cancellationToken);

    public Task<ChangeOutcome<User>> UnlockAsync(string userName, string? reason, ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        ChangeUserAsync(userName, reason, admin, AuditAction.UserUnlocked, u => u with { LockedUntil = null, FailedAttempts = 0 }, cancellationToken);

    /// <summary>Sets a new password chosen by the admin (to hand over out of band). The holder must change it at the next
    /// sign-in, and the account's existing sessions end. A lock stays until unlocked, so the reset and the unlock are two
    /// audited decisions.</summary>
    public async Task<ChangeOutcome<User>> ResetPasswordAsync(string userName, string? password, string? reason, ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        if (accounts.PasswordProblem(password, userName) is { } problem)
        {
            return ChangeOutcome.Fail<User>(ChangeFailure.Invalid, problem);
        }
        var now = time.GetUtcNow();
        return await ChangeUserAsync(userName, reason, admin, AuditAction.PasswordReset, u => accounts.WithNewPassword(u, password!, mustChange: true, now),
            cancellationToken);
    }

    public async Task<IReadOnlyList<ApiToken>> TokensAsync(CancellationToken cancellationToken) =>
        (await users.TokensAsync(cancellationToken)).OrderByDescending(t => t.CreatedAt).ToList();

    /// <returns>The token record and its secret, which is shown this once and stored only as a hash.</returns>
    public async Task<ChangeOutcome<NewTokenView>> CreateTokenAsync(NewTokenRequest request, ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryParseKind(request.Kind, out var kind))
        {
            return ChangeOutcome.Fail<NewTokenView>(ChangeFailure.Invalid, $"kind '{request.Kind}' is unknown (client or display)");
        }
        if (kind == ApiTokenKind.Display && (request.Roles ?? []).Any(r => !string.Equals(r, nameof(Role.Viewer), StringComparison.OrdinalIgnoreCase)))
        {
            return ChangeOutcome.Fail<NewTokenView>(ChangeFailure.Invalid, "a display credential only reads the board: it takes no role but Viewer");
        }
        var roles = new List<Role>();
        if (kind == ApiTokenKind.Display)
        {
            roles.Add(Role.Viewer);
        }
        foreach (var name in kind == ApiTokenKind.Display ? [] : request.Roles ?? [])
        {
            if (!Enum.TryParse<Role>(name, ignoreCase: true, out var role) || !TokenRoles.Contains(role))
            {
                return ChangeOutcome.Fail<NewTokenView>(ChangeFailure.Invalid, $"role '{name}' cannot be given to a token (Viewer, Operator, QA)");
            }
            roles.Add(role);
        }
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100 || roles.Count == 0)
        {
            return ChangeOutcome.Fail<NewTokenView>(ChangeFailure.Invalid, "a name (1-100 characters) and at least one role are required");
        }
        if (ReasonProblem(request.Reason) is { } problem)
        {
            return ChangeOutcome.Fail<NewTokenView>(ChangeFailure.Invalid, problem);
        }
        var secret = ApiTokenHandler.NewToken();
        var now = time.GetUtcNow();
        var token = new ApiToken(Guid.CreateVersion7(now), request.Name.Trim(), ApiTokenHandler.HashOf(secret), roles.Distinct().ToList(),
            string.IsNullOrWhiteSpace(request.Tenant) ? null : request.Tenant.Trim(), admin.Identity!.Name!, now, null, kind);
        await users.SaveTokenAsync(token, Audit(now, admin, AuditAction.TokenCreated, AuditEntity.ApiToken, token.Id.ToString("D"), request.Reason!), cancellationToken);
        logger.UserAdministered(kind == ApiTokenKind.Display ? DisplaySessions.NamePrefix + token.Name : ApiTokenHandler.NamePrefix + token.Name, "token created", admin.Identity.Name!);
        return ChangeOutcome.Done(new NewTokenView(token.Id, token.Name, secret));
    }

    private static bool TryParseKind(string? text, out ApiTokenKind kind)
    {
        kind = ApiTokenKind.Client;
        return string.IsNullOrWhiteSpace(text) || (Enum.TryParse(text.Trim(), ignoreCase: true, out kind) && Enum.IsDefined(kind));
    }

    public async Task<ChangeOutcome<ApiToken>> RevokeTokenAsync(Guid id, string? reason, ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        if ((await users.TokensAsync(cancellationToken)).FirstOrDefault(t => t.Id == id) is not { } token)
        {
            return ChangeOutcome.Fail<ApiToken>(ChangeFailure.NotFound, $"no token {id}");
        }
        if (ReasonProblem(reason) is { } problem)
        {
            return ChangeOutcome.Fail<ApiToken>(ChangeFailure.Invalid, problem);
        }
        if (!token.IsActive)
        {
            return ChangeOutcome.Fail<ApiToken>(ChangeFailure.Conflict, $"token {token.Name} is revoked already");
        }
        var now = time.GetUtcNow();
        var revoked = token with { RevokedAt = now };
        await users.SaveTokenAsync(revoked, Audit(now, admin, AuditAction.TokenRevoked, AuditEntity.ApiToken, id.ToString("D"), reason!), cancellationToken);
        logger.UserAdministered(token.Kind == ApiTokenKind.Display ? DisplaySessions.NamePrefix + token.Name : ApiTokenHandler.NamePrefix + token.Name, "token revoked", admin.Identity!.Name!);
        return ChangeOutcome.Done(revoked);
    }

    public async Task<IReadOnlyList<RoomLease>> LeasesAsync(CancellationToken cancellationToken) =>
        (await users.LeasesAsync(cancellationToken)).OrderBy(l => l.Room.Value, StringComparer.Ordinal).ThenByDescending(l => l.From).ToList();

    public async Task<ChangeOutcome<RoomLease>> CreateLeaseAsync(LeaseRequest request, ClaimsPrincipal admin, CancellationToken cancellationToken)
    {
        if (request.Room is null || !facility.TryGetRoom(new RoomId(request.Room), out _))
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.Invalid, $"unknown room '{request.Room}'");
        }
        var now = time.GetUtcNow();
        var from = request.From ?? now;
        if (string.IsNullOrWhiteSpace(request.Tenant) || request.Tenant.Length > 100 || request.To <= from)
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.Invalid, "a tenant (1-100 characters) is required and to must be after from");
        }
        if (ReasonProblem(request.Reason) is { } problem)
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.Invalid, problem);
        }
        var lease = new RoomLease(Guid.CreateVersion7(from), new RoomId(request.Room), request.Tenant.Trim(), from, request.To, admin.Identity!.Name!);
        if (await OverlapProblemAsync(lease, cancellationToken) is { } overlap)
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.Conflict, overlap);
        }
        await users.SaveLeaseAsync(lease, Audit(now, admin, AuditAction.RoomLeased, AuditEntity.RoomLease, lease.Id.ToString("D"), request.Reason!), cancellationToken);
        logger.UserAdministered(lease.Tenant, $"room {lease.Room} leased", admin.Identity.Name!);
        return ChangeOutcome.Done(lease);
    }

    /// <summary>Ends a lease at <paramref name="at"/> (default now). The effective time may not lie in the past: who
    /// held the room then decides which tenant sees that time's excursions, and that record is not rewritten.</summary>
    public Task<ChangeOutcome<RoomLease>> EndLeaseAsync(Guid id, DateTimeOffset? at, string? reason, ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        ChangeLeaseAsync(id, at ?? time.GetUtcNow(), reason, admin, AuditAction.LeaseEnded, ended: true, cancellationToken);

    /// <summary>Moves the planned end of a lease (<paramref name="to"/> null: until further notice), effective now.</summary>
    public Task<ChangeOutcome<RoomLease>> ChangeLeaseEndAsync(Guid id, DateTimeOffset? to, string? reason, ClaimsPrincipal admin, CancellationToken cancellationToken) =>
        ChangeLeaseAsync(id, to, reason, admin, AuditAction.LeaseChanged, ended: false, cancellationToken);

    private async Task<ChangeOutcome<RoomLease>> ChangeLeaseAsync(Guid id, DateTimeOffset? to, string? reason, ClaimsPrincipal admin, string action, bool ended,
        CancellationToken cancellationToken)
    {
        if ((await users.LeasesAsync(cancellationToken)).FirstOrDefault(l => l.Id == id) is not { } lease)
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.NotFound, $"no lease {id}");
        }
        if (ReasonProblem(reason) is { } problem)
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.Invalid, problem);
        }
        var now = time.GetUtcNow();
        if (lease.To is { } end && end <= now)
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.Conflict, $"the lease ended at {end:o}; a past lease is history and is not changed");
        }
        // A minute of slack for the admin's own clock and typing; anything earlier would rewrite who held the room.
        if (to is { } effective && (effective < now - LeaseClockSlack || effective <= lease.From))
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.Invalid,
                $"the end {effective:o} must be after the lease's start {lease.From:o} and not in the past (now {now:o}): the past of a lease is not rewritten");
        }
        if (ended && lease.To is { } planned && to > planned)
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.Invalid, $"ending at {to:o} would extend the lease beyond {planned:o}; change it instead");
        }
        var changed = lease with { To = to };
        if (await OverlapProblemAsync(changed, cancellationToken) is { } overlap)
        {
            return ChangeOutcome.Fail<RoomLease>(ChangeFailure.Conflict, overlap);
        }
        // The row holds the lease as it is now; the audit entry holds it before and after, who, when and why.
        await users.SaveLeaseAsync(changed, Audit(now, admin, action, AuditEntity.RoomLease, lease.Id.ToString("D"), reason!), cancellationToken);
        logger.UserAdministered(lease.Tenant, $"lease of room {lease.Room} {(ended ? "ended" : "changed")}", admin.Identity!.Name!);
        return ChangeOutcome.Done(changed);
    }

    /// <summary>A room has one lessee at a time: overlapping leases would make both tenants see the same excursions
    /// and leave the batch rule ("a leased room's batch belongs to its lessee") without an answer.</summary>
    private async Task<string?> OverlapProblemAsync(RoomLease lease, CancellationToken cancellationToken) =>
        (await users.LeasesAsync(cancellationToken)).FirstOrDefault(l => l.Id != lease.Id && l.Room == lease.Room
            && l.From < (lease.To ?? DateTimeOffset.MaxValue) && lease.From < (l.To ?? DateTimeOffset.MaxValue)) is { } other
            ? $"room {lease.Room} is leased to {other.Tenant} from {other.From:o} to {(other.To is { } t ? t.ToString("o") : "further notice")}: leases of a room may not overlap"
            : null;

    private static readonly TimeSpan LeaseClockSlack = TimeSpan.FromMinutes(1);

    private async Task<ChangeOutcome<User>> ChangeUserAsync(string userName, string? reason, ClaimsPrincipal admin, string action, Func<User, User> change,
        CancellationToken cancellationToken)
    {
        if (await users.FindUserAsync(userName, cancellationToken) is not { } user)
        {
            return ChangeOutcome.Fail<User>(ChangeFailure.NotFound, $"no user {userName}");
        }
        if (ReasonProblem(reason) is { } problem)
        {
            return ChangeOutcome.Fail<User>(ChangeFailure.Invalid, problem);
        }
        var changed = change(user);
        await users.SaveUserAsync(changed, Audit(time.GetUtcNow(), admin, action, AuditEntity.User, user.Id.ToString("D"), reason!), cancellationToken);
        logger.UserAdministered(user.UserName, action, admin.Identity!.Name!);
        return ChangeOutcome.Done(changed);
    }

    private static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "a reason is required (it goes into the audit trail)"
        : reason.Length > BatchControl.MaxReasonLength ? $"the reason may have at most {BatchControl.MaxReasonLength} characters"
        : null;

    private static AuditEntry Audit(DateTimeOffset at, ClaimsPrincipal admin, string action, string entityType, string entityId, string reason) =>
        new(at, admin.Identity!.Name!, nameof(Role.Admin), action, entityType, entityId, null, null, reason.Trim());
}
