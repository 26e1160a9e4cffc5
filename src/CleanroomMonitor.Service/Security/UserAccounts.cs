using System.Security.Claims;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Security;

/// <summary>Local accounts: creation with a password policy, sign-in with lockout, and electronic signatures by password
/// re-entry. Every sign-in, failure, lockout and change is in the audit trail.</summary>
public sealed partial class UserAccounts(IUserStore users, IRecordStore records, IOptions<SecurityOptions> options, TimeProvider time,
    SecurityAlerts alerts, ILogger<UserAccounts> logger)
{
    private readonly PasswordHasher<User> _hasher = new();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex UserNamePattern();

    public async Task<(User? User, string? Error)> CreateAsync(NewUser request, string by, CancellationToken cancellationToken)
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
        if (PasswordProblem(request.Password) is { } problem)
        {
            return (null, problem);
        }
        if (await users.FindUserAsync(request.UserName, cancellationToken) is not null)
        {
            return (null, $"user '{request.UserName}' exists already");
        }
        var now = time.GetUtcNow();
        var user = new User(Guid.CreateVersion7(now), request.UserName, request.PrintedName.Trim(), roles.Distinct().ToList(),
            string.IsNullOrWhiteSpace(request.Tenant) ? null : request.Tenant.Trim(), string.Empty, 0, null, false, now);
        user = user with { PasswordHash = _hasher.HashPassword(user, request.Password!) };
        await users.SaveUserAsync(user, Audit(now, by, "user.created", user, request.Reason), cancellationToken);
        return (user, null);
    }

    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = userName is null ? null : await users.FindUserAsync(userName, cancellationToken);
        if (user is null || user.Disabled)
        {
            await records.AppendAuditAsync(new AuditEntry(now, userName ?? "(none)", "unknown", "user.login-failed", SqliteEntity, userName ?? "(none)",
                null, null, user is null ? "unknown user name" : "account disabled"), cancellationToken);
            logger.SignInFailed(userName ?? "(none)", "unknown or disabled");
            return new SignInOutcome(null, "user name or password is wrong", false);
        }
        if (user.IsLocked(now))
        {
            await records.AppendAuditAsync(Audit(now, user.UserName, "user.login-refused", user, "account locked"), cancellationToken);
            return new SignInOutcome(null, $"the account is locked until {user.LockedUntil:u}", true);
        }
        if (!Verify(user, password))
        {
            var failed = user.FailedAttempts + 1;
            var lockNow = failed >= options.Value.LockoutThreshold;
            var changed = user with { FailedAttempts = lockNow ? 0 : failed, LockedUntil = lockNow ? now + options.Value.LockoutDuration : user.LockedUntil };
            await users.SaveUserAsync(changed, Audit(now, user.UserName, lockNow ? "user.locked" : "user.login-failed", changed, "wrong password"), cancellationToken);
            logger.SignInFailed(user.UserName, lockNow ? "wrong password; account locked" : "wrong password");
            return new SignInOutcome(null, lockNow ? "the account is locked after repeated failures" : "user name or password is wrong", lockNow);
        }
        var signedIn = user with { FailedAttempts = 0 };
        await users.SaveUserAsync(signedIn, Audit(now, user.UserName, "user.login", signedIn, null), cancellationToken);
        return new SignInOutcome(signedIn, null, false);
    }

    /// <summary>An electronic signature: the signed-in user re-enters the password (both components were given at
    /// sign-in; Part 11 §11.200(a)(1)(i)). Failures are counted; too many lock the account and alert the admins.</summary>
    public async Task<(Signature? Signature, string? Error)> SignAsync(ClaimsPrincipal principal, string? password, string meaning, string role,
        CancellationToken cancellationToken)
    {
        if (principal.FindFirstValue(ClaimNames.Method) != "password" || principal.Identity?.Name is not { } userName)
        {
            return (null, "signatures need a person signed in with a password, not a token");
        }
        var user = await users.FindUserAsync(userName, cancellationToken);
        var now = time.GetUtcNow();
        if (user is null || user.Disabled || user.IsLocked(now))
        {
            return (null, "the account cannot sign (disabled or locked)");
        }
        if (!Verify(user, password))
        {
            var failed = user.FailedAttempts + 1;
            var lockNow = failed >= options.Value.SignatureLockoutThreshold;
            var changed = user with { FailedAttempts = lockNow ? 0 : failed, LockedUntil = lockNow ? now + options.Value.LockoutDuration : user.LockedUntil };
            await users.SaveUserAsync(changed, Audit(now, user.UserName, lockNow ? "user.locked" : "signature.failed", changed, $"wrong password signing '{meaning}'"),
                cancellationToken);
            if (lockNow)
            {
                alerts.Raise(user.UserName, $"account locked after {failed} failed signature attempts");
            }
            return (null, lockNow ? "the account is locked after repeated failed signatures; the admins have been alerted" : "the password is wrong");
        }
        if (user.FailedAttempts > 0)
        {
            await users.SaveUserAsync(user with { FailedAttempts = 0 }, Audit(now, user.UserName, "signature.verified", user with { FailedAttempts = 0 }, meaning), cancellationToken);
        }
        return (new Signature(user.Id, user.UserName, user.PrintedName, role, meaning, now, "password re-entered"), null);
    }

    public static ClaimsPrincipal PrincipalFor(User user, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.UserName),
            new(ClaimNames.UserId, user.Id.ToString()),
            new(ClaimNames.PrintedName, user.PrintedName),
            new(ClaimNames.Method, "password"),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        if (user.Tenant is { } tenant)
        {
            claims.Add(new Claim(ClaimNames.Tenant, tenant));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public string? PasswordProblem(string? password) =>
        password is null || password.Length < options.Value.MinimumPasswordLength
            ? $"the password needs at least {options.Value.MinimumPasswordLength} characters"
            : password.Distinct().Count() < 5 ? "the password needs at least 5 different characters" : null;

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    private bool Verify(User user, string? password) =>
        password is not null && _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    private const string SqliteEntity = "user";

    private static AuditEntry Audit(DateTimeOffset at, string by, string action, User user, string? reason) =>
        new(at, by, by == user.UserName ? string.Join(",", user.Roles) : "admin", action, SqliteEntity, user.Id.ToString("D"), null, null, reason);
}
