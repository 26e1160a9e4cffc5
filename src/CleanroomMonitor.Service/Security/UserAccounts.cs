using System.Security.Claims;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Security;

/// <summary>Local accounts: creation with a password policy, sign-in with lockout, and electronic signatures (user id
/// and password on a session's first signature, the password within a continuous signing session). Every sign-in, failure, lockout and change is in the audit trail.</summary>
public sealed partial class UserAccounts(IUserStore users, IRecordStore records, IOptions<SecurityOptions> options, TimeProvider time,
    SecurityAlerts alerts, SigningSessions signingSessions, ILogger<UserAccounts> logger)
{
    private readonly PasswordHasher<User> _hasher = new();

    // Verified against for a user name that does not exist (or an account that cannot sign in), so that such an answer
    // takes as long as a wrong password: otherwise its speed tells which user names exist.
    private readonly Lazy<(User User, string Hash)> _standIn = new(() =>
    {
        var user = new User(Guid.Empty, "(none)", "(none)", [], null, string.Empty, 0, null, true, DateTimeOffset.UnixEpoch);
        return (user, new PasswordHasher<User>().HashPassword(user, Guid.NewGuid().ToString("N")));
    });

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex UserNamePattern();

    /// <param name="passwordChosenByHolder">The password was chosen by the account's holder (the first admin on the
    /// server, or a demo account the command line is explicitly told to keep): no change at first sign-in. Otherwise
    /// someone else knows it, so the holder must replace it before doing anything else (Part 11 §11.300).</param>
    public async Task<(User? User, string? Error)> CreateAsync(NewUser request, string by, CancellationToken cancellationToken,
        bool passwordChosenByHolder = false)
    {
        if (request.UserName is null || !UserNamePattern().IsMatch(request.UserName))
        {
            return (null, "userName must be 2-64 lowercase letters, digits, '.', '_' or '-'");
        }
        if (string.IsNullOrWhiteSpace(request.PrintedName) || request.PrintedName.Length > 200)
        {
            return (null, "printedName is required (the name shown with the user's signatures)");
        }
        var roles = new List<Role>();
        foreach (var name in request.Roles ?? [])
        {
            if (!Enum.TryParse<Role>(name, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                return (null, $"unknown role '{name}' (Viewer, Operator, QA, Admin)");
            }
            roles.Add(role);
        }
        if (roles.Count == 0)
        {
            return (null, "at least one role is required");
        }
        if (SeparationOfDutiesProblem(roles) is { } duties)
        {
            return (null, duties);
        }
        if (PasswordProblem(request.Password, request.UserName) is { } problem)
        {
            return (null, problem);
        }
        if (await users.FindUserAsync(request.UserName, cancellationToken) is not null)
        {
            return (null, $"user '{request.UserName}' exists already");
        }
        var now = time.GetUtcNow();
        var user = new User(Guid.CreateVersion7(now), request.UserName, request.PrintedName.Trim(), roles.Distinct().ToList(),
            string.IsNullOrWhiteSpace(request.Tenant) ? null : request.Tenant.Trim(), string.Empty, 0, null, false, now,
            MustChangePassword: !passwordChosenByHolder, PasswordChangedAt: now);
        user = user with { PasswordHash = _hasher.HashPassword(user, request.Password!) };
        await users.SaveUserAsync(user, Audit(now, by, AuditAction.UserCreated, user, request.Reason), cancellationToken);
        return (user, null);
    }

    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = userName is null ? null : await users.FindUserAsync(userName, cancellationToken);
        if (user is null || user.Disabled)
        {
            _hasher.VerifyHashedPassword(_standIn.Value.User, _standIn.Value.Hash, password ?? string.Empty);
            await records.AppendAuditAsync(new AuditEntry(now, userName ?? "(none)", "unknown", AuditAction.UserLoginFailed, AuditEntity.User, userName ?? "(none)",
                null, null, user is null ? "unknown user name" : "account disabled"), cancellationToken);
            logger.SignInFailed(userName ?? "(none)", "unknown or disabled");
            return new SignInOutcome(null, "user name or password is wrong", false);
        }
        if (user.IsLocked(now))
        {
            _hasher.VerifyHashedPassword(_standIn.Value.User, _standIn.Value.Hash, password ?? string.Empty);
            await records.AppendAuditAsync(Audit(now, user.UserName, AuditAction.UserLoginRefused, user, "account locked"), cancellationToken);
            return new SignInOutcome(null, $"the account is locked until {user.LockedUntil:u}", true);
        }
        if (!Verify(user, password))
        {
            var failed = user.FailedAttempts + 1;
            var lockNow = failed >= options.Value.LockoutThreshold;
            var changed = Failed(user, lockNow, failed, now);
            await users.SaveUserAsync(changed, Audit(now, user.UserName, lockNow ? AuditAction.UserLocked : AuditAction.UserLoginFailed, changed, "wrong password"), cancellationToken);
            logger.SignInFailed(user.UserName, lockNow ? "wrong password; account locked" : "wrong password");
            return new SignInOutcome(null, lockNow ? "the account is locked after repeated failures" : "user name or password is wrong", lockNow);
        }
        var signedIn = user with { FailedAttempts = 0 };
        await users.SaveUserAsync(signedIn, Audit(now, user.UserName, AuditAction.UserLogin, signedIn, null), cancellationToken);
        return new SignInOutcome(signedIn, null, false);
    }

    /// <summary>The message of a first signature given without the user id.</summary>
    public const string UserIdRequiredMessage = "first signature in this session: enter your user id and password";

    /// <summary>The caller's session must give the user id with its next signature: it has not signed yet, or not within
    /// <see cref="SecurityOptions.SigningSessionIdle"/>.</summary>
    public bool UserIdRequired(ClaimsPrincipal principal) =>
        !signingSessions.IsContinuous(principal.FindFirstValue(ClaimNames.SessionId));

    /// <summary>An electronic signature by the signed-in person (Part 11 §11.200(a)(1)): the first signature of a
    /// continuous signing session needs both components, the user id and the password; further signatures of that
    /// session within <see cref="SecurityOptions.SigningSessionIdle"/> of the last one need the password only. A user
    /// id is checked whenever one is given. A wrong user id or password counts as a failed attempt; too many lock the
    /// account and alert the admins (§11.300(d)). Tokens cannot sign.</summary>
    public async Task<SignatureOutcome> SignAsync(ClaimsPrincipal principal, string? userId, string? password, string meaning, string role,
        CancellationToken cancellationToken)
    {
        if (principal.FindFirstValue(ClaimNames.Method) != "password" || principal.Identity?.Name is not { } userName)
        {
            return SignatureOutcome.Refused("signatures need a person signed in with a password, not a token");
        }
        var user = await users.FindUserAsync(userName, cancellationToken);
        var now = time.GetUtcNow();
        if (user is null || user.Disabled || user.IsLocked(now))
        {
            return SignatureOutcome.Refused("the account cannot sign (disabled or locked)");
        }
        if (user.Has(Role.Admin))
        {
            // Separation of duties: whoever administers accounts must not also sign the GMP records those accounts make.
            return SignatureOutcome.Refused("an account with the Admin role cannot sign GMP records (separation of duties)");
        }
        var sessionId = principal.FindFirstValue(ClaimNames.SessionId);
        var continuous = signingSessions.IsContinuous(sessionId);
        var givenId = string.IsNullOrWhiteSpace(userId) ? null : userId.Trim();
        if (!continuous && givenId is null)
        {
            // Not a failed attempt: nothing wrong was entered, a component is missing.
            return new SignatureOutcome(null, SignatureRefusal.UserIdRequired, UserIdRequiredMessage);
        }
        if (givenId is not null && !string.Equals(givenId, user.UserName, StringComparison.Ordinal))
        {
            // Someone at another person's session who does not know that person's user id: a failed signature, as a wrong password is.
            // The typed id goes into the audit trail (who was tried), cut to the longest real user name.
            var tried = givenId.Length > 64 ? givenId[..64] + "…" : givenId;
            return await SignatureFailedAsync(user, now, $"user id '{tried}' is not the signed-in user's, signing '{meaning}'", "the user id or password is wrong",
                cancellationToken);
        }
        if (!Verify(user, password))
        {
            // The user id, when given, was checked above and is the signer's own, so naming the password discloses nothing.
            return await SignatureFailedAsync(user, now, $"wrong password signing '{meaning}'", "the password is wrong", cancellationToken);
        }
        if (user.FailedAttempts > 0)
        {
            await users.SaveUserAsync(user with { FailedAttempts = 0 }, Audit(now, user.UserName, AuditAction.SignatureVerified, user with { FailedAttempts = 0 }, meaning), cancellationToken);
        }
        signingSessions.Record(sessionId);
        var method = givenId is null ? "password re-entered (continuous signing session)" : "user id and password entered";
        return new SignatureOutcome(new Signature(user.Id, user.UserName, user.PrintedName, role, meaning, now, method), SignatureRefusal.None, null);
    }

    private async Task<SignatureOutcome> SignatureFailedAsync(User user, DateTimeOffset now, string reason, string message, CancellationToken cancellationToken)
    {
        var failed = user.FailedAttempts + 1;
        var lockNow = failed >= options.Value.SignatureLockoutThreshold;
        var changed = Failed(user, lockNow, failed, now);
        await users.SaveUserAsync(changed, Audit(now, user.UserName, lockNow ? AuditAction.UserLocked : AuditAction.SignatureFailed, changed, reason), cancellationToken);
        logger.SignatureRefused(user.UserName, lockNow ? reason + "; account locked" : reason);
        if (lockNow)
        {
            alerts.Raise(user.UserName, $"account locked after {failed} failed signature attempts");
        }
        return SignatureOutcome.Refused(lockNow
            ? LockoutWarning.Locked(options.Value.SignatureLockoutThreshold, changed.LockedUntil ?? now + options.Value.LockoutDuration)
            : LockoutWarning.AfterFailure(message, failed, options.Value.SignatureLockoutThreshold));
    }

    /// <summary>The principal of a new session: the account's roles and tenant, its session version (checked on every
    /// request by <see cref="SessionValidation"/>) and, while the password must be changed, the mark that confines the
    /// session to changing it.</summary>
    public ClaimsPrincipal PrincipalFor(User user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimNames.UserId, user.Id.ToString()),
            new(ClaimNames.PrintedName, user.PrintedName),
            new(ClaimNames.Method, "password"),
            new(ClaimNames.SessionVersion, user.SessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            // A new id for every session: signing continuity (SigningSessions) must never carry over into another sign-in.
            new(ClaimNames.SessionId, Guid.NewGuid().ToString("N")),
        };
        if (PasswordChangeDue(user, time.GetUtcNow()))
        {
            claims.Add(new Claim(ClaimNames.PasswordChangeDue, "true"));
        }
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        if (user.Tenant is { } tenant)
        {
            claims.Add(new Claim(ClaimNames.Tenant, tenant));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public PasswordPolicy Policy => new(options.Value.MinimumPasswordLength, options.Value.PasswordExpiry);

    /// <summary>The strength rules of <see cref="PasswordPolicy"/> (length, variety, no repeated pattern or run, not
    /// the user name, not a common password).</summary>
    public string? PasswordProblem(string? password, string? userName) => Policy.Problem(password, userName);

    /// <summary>The password was set by someone else, or is older than <see cref="SecurityOptions.PasswordExpiry"/>.</summary>
    public bool PasswordChangeDue(User user, DateTimeOffset now) =>
        user.MustChangePassword || Policy.IsExpired(user.PasswordChangedAt ?? user.CreatedAt, now);

    /// <summary>One account cannot hold Admin together with QA: the person who grants access and the person who
    /// releases product must be two (separation of duties).</summary>
    public static string? SeparationOfDutiesProblem(IReadOnlyCollection<Role> roles) =>
        roles.Contains(Role.Admin) && roles.Contains(Role.QA)
            ? "one account cannot hold both Admin and QA (separation of duties): create two accounts"
            : null;

    /// <summary>The holder changes their own password: the current one again, a new one that passes the policy and is
    /// none of the last <see cref="SecurityOptions.PasswordHistory"/>. Ends the account's other sessions (a new session
    /// version); the caller issues this session a new cookie. A wrong current password counts as a failed sign-in.</summary>
    public async Task<(User? User, string? Error)> ChangeOwnPasswordAsync(string userName, string? currentPassword, string? newPassword,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await users.FindUserAsync(userName, cancellationToken) is not { Disabled: false } user || user.IsLocked(now))
        {
            return (null, "the account is disabled or locked");
        }
        if (!Verify(user, currentPassword))
        {
            var failed = user.FailedAttempts + 1;
            var lockNow = failed >= options.Value.LockoutThreshold;
            var changed = Failed(user, lockNow, failed, now);
            await users.SaveUserAsync(changed, Audit(now, user.UserName, lockNow ? AuditAction.UserLocked : AuditAction.PasswordChangeFailed, changed, "wrong current password"),
                cancellationToken);
            return (null, lockNow ? "the account is locked after repeated failures" : "the current password is wrong");
        }
        if (PasswordProblem(newPassword, user.UserName) is { } problem)
        {
            return (null, problem);
        }
        if (WasUsed(user, newPassword!))
        {
            return (null, $"the new password must differ from the current one and the last {options.Value.PasswordHistory} (it was used before)");
        }
        var renewed = WithNewPassword(user, newPassword!, mustChange: false, now);
        await users.SaveUserAsync(renewed, Audit(now, user.UserName, AuditAction.PasswordChanged, renewed, "changed by the account holder"), cancellationToken);
        logger.PasswordChanged(user.UserName);
        return (renewed, null);
    }

    /// <summary>A new password for <paramref name="user"/>: the old hash joins the history, the session version moves on
    /// (every existing session ends), failed attempts start again.</summary>
    public User WithNewPassword(User user, string password, bool mustChange, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var history = new[] { user.PasswordHash }.Concat(user.PreviousPasswordHashes ?? []).Where(h => h.Length > 0).Take(options.Value.PasswordHistory).ToList();
        return user with
        {
            PasswordHash = Hash(user, password),
            PreviousPasswordHashes = history,
            PasswordChangedAt = now,
            MustChangePassword = mustChange,
            SessionVersion = user.SessionVersion + 1,
            FailedAttempts = 0,
        };
    }

    private bool WasUsed(User user, string password) =>
        Verify(user, password) || (user.PreviousPasswordHashes ?? []).Take(options.Value.PasswordHistory)
            .Any(h => _hasher.VerifyHashedPassword(user, h, password) != PasswordVerificationResult.Failed);

    /// <summary>A failed attempt; locking also ends the account's sessions (a new session version).</summary>
    private User Failed(User user, bool lockNow, int failed, DateTimeOffset now) => lockNow
        ? user with { FailedAttempts = 0, LockedUntil = now + options.Value.LockoutDuration, SessionVersion = user.SessionVersion + 1 }
        : user with { FailedAttempts = failed };

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    private bool Verify(User user, string? password) =>
        password is not null && _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;


    private static AuditEntry Audit(DateTimeOffset at, string by, string action, User user, string? reason) =>
        new(at, by, by == user.UserName ? string.Join(",", user.Roles) : "admin", action, AuditEntity.User, user.Id.ToString("D"), null, null, reason);
}
