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
        group.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Read);
        group.MapGet("/me", (ClaimsPrincipal user, HttpContext context, IAntiforgery antiforgery) => TypedResults.Ok(new SignedInUser(
            user.Identity!.Name!, user.FindFirstValue(ClaimNames.PrintedName), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(),
            user.FindFirstValue(ClaimNames.Tenant), user.FindFirstValue(ClaimNames.Method), antiforgery.GetAndStoreTokens(context).RequestToken)))
            .RequireAuthorization(Policies.Read);
        return app;
    }

    private static async Task<Results<Ok<SignedInUser>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext context, UserAccounts accounts,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        var outcome = await accounts.SignInAsync(request.UserName, request.Password, ct);
        if (outcome.User is not { } user)
        {
            return TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status401Unauthorized);
        }
        var principal = UserAccounts.PrincipalFor(user, CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        context.User = principal;
        return TypedResults.Ok(new SignedInUser(user.UserName, user.PrintedName, user.Roles.Select(r => r.ToString()).ToList(), user.Tenant, "password",
            antiforgery.GetAndStoreTokens(context).RequestToken));
    }
}

public sealed record LoginRequest(string? UserName, string? Password);

/// <summary>Who is signed in; <c>csrfToken</c> goes in the X-CSRF-TOKEN header of cookie-authenticated API changes.</summary>
public sealed record SignedInUser(string UserName, string? PrintedName, IReadOnlyList<string> Roles, string? Tenant, string? Method, string? CsrfToken);
