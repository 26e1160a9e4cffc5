using System.Security.Claims;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class AuthEndpoints
{
    /// <summary>POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me (with a fresh antiforgery token for the pages' JSON calls).</summary>
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", async (HttpContext context, SigningSessions signing) =>
        {
            signing.Forget(context.User.FindFirstValue(ClaimNames.SessionId));
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Read);
        group.MapPost("/password", ChangePasswordAsync).RequireAuthorization(Policies.Read);
        group.MapGet("/me", (ClaimsPrincipal user, HttpContext context, IAntiforgery antiforgery) => TypedResults.Ok(new SignedInUser(
            user.Identity!.Name!, user.FindFirstValue(ClaimNames.PrintedName), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
            user.FindFirstValue(ClaimNames.Tenant), user.FindFirstValue(ClaimNames.Method), antiforgery.GetAndStoreTokens(context).RequestToken,
            user.HasClaim(ClaimNames.PasswordChangeDue, "true"))))
            .RequireAuthorization(Policies.Read);
        return app;
    }

    private static async Task<Results<Ok<SignedInUser>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext context, UserAccounts accounts,
        IAntiforgery antiforgery, SignInThrottle throttle, CancellationToken ct)
    {
        if (throttle.BlockedUntil(context.Connection.RemoteIpAddress) is { } until)
        {
            return TypedResults.Problem($"too many failed sign-ins from this address; try again after {until:u}", statusCode: StatusCodes.Status429TooManyRequests);
        }
        var outcome = await accounts.SignInAsync(request.UserName, request.Password, ct);
        if (outcome.User is not { } user)
        {
            throttle.Failed(context.Connection.RemoteIpAddress);
            return TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status401Unauthorized);
        }
        return TypedResults.Ok(await StartSessionAsync(user, context, accounts, antiforgery));
    }

    /// <summary>POST /api/auth/password: the signed-in person changes their own password (the current one again, and a
    /// new one that passes the policy and was not used lately). The account's other sessions end; this one gets a new
    /// cookie (and a new csrfToken) and may go on, now without the forced-change mark.</summary>
    private static async Task<Results<Ok<SignedInUser>, ProblemHttpResult>> ChangePasswordAsync(ChangePasswordRequest request, ClaimsPrincipal principal,
        HttpContext context, UserAccounts accounts, IAntiforgery antiforgery, CancellationToken ct)
    {
        if (principal.FindFirstValue(ClaimNames.Method) != "password")
        {
            return TypedResults.Problem("only a person signed in with a password can change it; tokens have none", statusCode: StatusCodes.Status403Forbidden);
        }
        var (user, error) = await accounts.ChangeOwnPasswordAsync(principal.Identity!.Name!, request.CurrentPassword, request.NewPassword, ct);
        if (user is null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        }
        return TypedResults.Ok(await StartSessionAsync(user, context, accounts, antiforgery));
    }

    private static async Task<SignedInUser> StartSessionAsync(Core.Security.User user, HttpContext context, UserAccounts accounts, IAntiforgery antiforgery)
    {
        var principal = accounts.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        context.User = principal;
        return new SignedInUser(user.UserName, user.PrintedName, user.Roles.Select(r => r.ToString()).ToList(), user.Tenant, "password",
            antiforgery.GetAndStoreTokens(context).RequestToken, principal.HasClaim(ClaimNames.PasswordChangeDue, "true"));
    }
}

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Who is signed in; <c>csrfToken</c> goes in the X-CSRF-TOKEN header of cookie-authenticated API changes.
/// <c>mustChangePassword</c>: the session may only change the password (POST /api/auth/password) until it is changed.</summary>
public sealed record SignedInUser(string UserName, string? PrintedName, IReadOnlyList<string> Roles, string? Tenant, string? Method, string? CsrfToken,
    bool MustChangePassword = false);
