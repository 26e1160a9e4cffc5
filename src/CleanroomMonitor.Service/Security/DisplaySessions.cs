using System.Security.Claims;
using CleanroomMonitor.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CleanroomMonitor.Service.Security;

/// <summary>Wall displays (docs/security.md "Display credentials"): a display credential (an <see cref="ApiToken"/> of
/// kind <see cref="ApiTokenKind.Display"/>) opened at GET /display/{secret} signs that browser in as the service account
/// "display:&lt;name&gt;" with a persistent session cookie that has no idle timeout. The session lasts until the
/// credential is revoked: it is checked on every request (<see cref="SessionValidation"/>) and every few seconds by the
/// live stream. It may only read the board, the floor plan and /api/live (<see cref="UseDisplayGate"/>).</summary>
public static class DisplaySessions
{
    /// <summary>The <see cref="ClaimNames.Method"/> of a display's session.</summary>
    public const string Method = "display";

    /// <summary>A display is recorded as "display:&lt;name&gt;" in the audit trail and the logs.</summary>
    public const string NamePrefix = "display:";

    /// <summary>How far ahead a display's cookie expires; sliding, so a display in use never reaches it. A session of a
    /// person ends after <see cref="SecurityOptions.SessionTimeout"/> idle (Part 11 §11.300); a display is read-only,
    /// cannot sign or change anything, and is ended by revoking its credential.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    public static bool IsDisplay(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.HasClaim(ClaimNames.Method, Method);
    }

    public static ClaimsPrincipal PrincipalFor(ApiToken display)
    {
        ArgumentNullException.ThrowIfNull(display);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, NamePrefix + display.Name),
            new(ClaimNames.UserId, display.Id.ToString()),
            new(ClaimNames.PrintedName, display.Name),
            new(ClaimNames.Method, Method),
            new(ClaimTypes.Role, nameof(Role.Viewer)),
        };
        if (display.Tenant is { } tenant)
        {
            claims.Add(new Claim(ClaimNames.Tenant, tenant));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <returns>Why a display's session may not go on (its credential unknown, revoked, not a display's, or its tenant
    /// changed), or null when it may.</returns>
    public static string? Problem(ClaimsPrincipal principal, ApiToken? display)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (display is null || display.Kind != ApiTokenKind.Display)
        {
            return "display credential unknown";
        }
        if (!display.IsActive)
        {
            return "display credential revoked";
        }
        return principal.FindFirstValue(ClaimNames.Tenant) != display.Tenant ? "display credential's tenant changed" : null;
    }

    /// <summary>The display credential behind a display's session, by its id (displays are few: the token list is read).</summary>
    public static async Task<ApiToken?> CredentialOfAsync(ClaimsPrincipal principal, IUserStore users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        return Guid.TryParse(principal.FindFirstValue(ClaimNames.UserId), out var id)
            ? (await users.TokensAsync(cancellationToken)).FirstOrDefault(t => t.Id == id)
            : null;
    }

    /// <summary>Opens the display's session: a persistent cookie, renewed as it is used, far beyond a person's idle timeout.</summary>
    public static Task SignInAsync(HttpContext context, ApiToken display, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, PrincipalFor(display),
            new AuthenticationProperties { IsPersistent = true, IssuedUtc = now, ExpiresUtc = now + Lifetime, AllowRefresh = true });
    }

    /// <summary>A display may GET (or HEAD) only endpoints marked with <see cref="DisplayAccess"/> (the board, the floor
    /// plan, /api/live/*); everything else answers 403, pages included (no redirect to a page it could not show either).</summary>
    public static IApplicationBuilder UseDisplayGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsDisplay(context.User)
            && (!(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                || context.GetEndpoint()?.Metadata.GetMetadata<DisplayAccess>() is null))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new { title = "a display may only show the live board and the floor plan" }, context.RequestAborted);
            return;
        }
        await next(context);
    });
}
