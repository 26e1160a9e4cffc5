using System.Security.Claims;
using CleanroomMonitor.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CleanroomMonitor.Service.Security;

/// <summary>Checks a session cookie against the account on every request (issue 19 item 2): a cookie is only as good
/// as the account behind it now. Disabled, locked, a newer session version (password changed or reset, disabled or
/// locked since), or other roles or tenant than the session was given: the session ends at once and the request is
/// answered as if unauthenticated (401 for the API, the login page for pages).</summary>
/// <remarks>The account is read from the record store each time: one indexed lookup by user name, and no cache that an
/// account change could forget to clear.</remarks>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal?.Identity?.Name is not { } userName)
        {
            context.RejectPrincipal();
            return;
        }
        var services = context.HttpContext.RequestServices;
        if (await ProblemAsync(context.Principal, services.GetRequiredService<IUserStore>(), services.GetRequiredService<TimeProvider>().GetUtcNow(),
                context.HttpContext.RequestAborted) is { } problem)
        {
            services.GetRequiredService<ILogger<CookieAuthenticationHandler>>().SessionEnded(userName, problem);
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>Why the session of <paramref name="principal"/> may not go on now, or null: a display's by its credential
    /// (<see cref="DisplaySessions.Problem"/>), a person's by the account. Also asked by the live stream, which outlasts
    /// the request that opened it.</summary>
    public static async Task<string?> ProblemAsync(ClaimsPrincipal principal, IUserStore users, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(users);
        if (DisplaySessions.IsDisplay(principal))
        {
            return DisplaySessions.Problem(principal, await DisplaySessions.CredentialOfAsync(principal, users, cancellationToken));
        }
        return principal.Identity?.Name is { } userName
            ? Problem(principal, await users.FindUserAsync(userName, cancellationToken), now)
            : "no user name";
    }

    /// <returns>Why the session may not go on, or null when it may.</returns>
    public static string? Problem(ClaimsPrincipal principal, User? user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (user is null || user.Disabled)
        {
            return "account unknown or disabled";
        }
        if (user.IsLocked(now))
        {
            return "account locked";
        }
        if (principal.FindFirstValue(ClaimNames.SessionVersion) != user.SessionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            return "the account changed since sign-in (password, disable or lock)";
        }
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (!roles.SetEquals(user.Roles.Select(r => r.ToString())) || principal.FindFirstValue(ClaimNames.Tenant) != user.Tenant)
        {
            return "roles or tenant changed since sign-in";
        }
        return null;
    }
}
