using System.Security.Claims;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class AdminEndpoints
{
    /// <summary>User, token and room-lease administration (Admin role of the facility's own staff), through
    /// <see cref="UserAdministration"/> as the admin pages. Every change needs a reason and is audited; nothing is deleted.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Administer);
        group.MapGet("/users", async (UserAdministration admin, CancellationToken ct) => TypedResults.Ok((await admin.UsersAsync(ct)).Select(UserView.From).ToList()));
        group.MapPost("/users", CreateUserAsync);
        group.MapPost("/users/{userName}/disable", (string userName, ReasonRequest request, ClaimsPrincipal user, UserAdministration admin, CancellationToken ct) =>
            UserResultAsync(admin.DisableAsync(userName, request.Reason, user, ct)));
        group.MapPost("/users/{userName}/enable", (string userName, ReasonRequest request, ClaimsPrincipal user, UserAdministration admin, CancellationToken ct) =>
            UserResultAsync(admin.EnableAsync(userName, request.Reason, user, ct)));
        group.MapPost("/users/{userName}/unlock", (string userName, ReasonRequest request, ClaimsPrincipal user, UserAdministration admin, CancellationToken ct) =>
            UserResultAsync(admin.UnlockAsync(userName, request.Reason, user, ct)));
        group.MapPost("/users/{userName}/password", (string userName, PasswordResetRequest request, ClaimsPrincipal user, UserAdministration admin, CancellationToken ct) =>
            UserResultAsync(admin.ResetPasswordAsync(userName, request.Password, request.Reason, user, ct)));
        group.MapGet("/tokens", async (UserAdministration admin, CancellationToken ct) => TypedResults.Ok((await admin.TokensAsync(ct)).Select(TokenView.From).ToList()));
        group.MapPost("/tokens", CreateTokenAsync);
        group.MapPost("/tokens/{id:guid}/revoke", RevokeTokenAsync);
        group.MapGet("/leases", async (UserAdministration admin, CancellationToken ct) => TypedResults.Ok(await admin.LeasesAsync(ct)));
        group.MapPost("/leases", CreateLeaseAsync);
        group.MapPost("/leases/{id:guid}/end", async Task<Results<Ok<RoomLease>, ProblemHttpResult>> (Guid id, LeaseEndRequest request, ClaimsPrincipal user,
            UserAdministration admin, CancellationToken ct) => LeaseResult(await admin.EndLeaseAsync(id, request.At, request.Reason, user, ct)));
        group.MapPost("/leases/{id:guid}/change", async Task<Results<Ok<RoomLease>, ProblemHttpResult>> (Guid id, LeaseChangeRequest request, ClaimsPrincipal user,
            UserAdministration admin, CancellationToken ct) => LeaseResult(await admin.ChangeLeaseEndAsync(id, request.To, request.Reason, user, ct)));
        return app;
    }

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateUserAsync(NewUser request, ClaimsPrincipal user, UserAdministration admin,
        CancellationToken ct)
    {
        var outcome = await admin.CreateUserAsync(request, user, ct);
        return outcome.Value is { } created ? TypedResults.Created($"/api/admin/users/{created.UserName}", UserView.From(created)) : outcome.ToProblem();
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> UserResultAsync(Task<ChangeOutcome<User>> change)
    {
        var outcome = await change;
        return outcome.Value is { } changed ? TypedResults.Ok(UserView.From(changed)) : outcome.ToProblem();
    }

    private static async Task<Results<Created<NewTokenView>, ProblemHttpResult>> CreateTokenAsync(NewTokenRequest request, ClaimsPrincipal user, UserAdministration admin,
        CancellationToken ct)
    {
        var outcome = await admin.CreateTokenAsync(request, user, ct);
        return outcome.Value is { } created ? TypedResults.Created($"/api/admin/tokens/{created.Id}", created) : outcome.ToProblem();
    }

    private static async Task<Results<Ok<TokenView>, ProblemHttpResult>> RevokeTokenAsync(Guid id, ReasonRequest request, ClaimsPrincipal user, UserAdministration admin,
        CancellationToken ct)
    {
        var outcome = await admin.RevokeTokenAsync(id, request.Reason, user, ct);
        return outcome.Value is { } revoked ? TypedResults.Ok(TokenView.From(revoked)) : outcome.ToProblem();
    }

    private static Results<Ok<RoomLease>, ProblemHttpResult> LeaseResult(ChangeOutcome<RoomLease> outcome) =>
        outcome.Value is { } lease ? TypedResults.Ok(lease) : outcome.ToProblem();

    private static async Task<Results<Created<RoomLease>, ProblemHttpResult>> CreateLeaseAsync(LeaseRequest request, ClaimsPrincipal user, UserAdministration admin,
        CancellationToken ct)
    {
        var outcome = await admin.CreateLeaseAsync(request, user, ct);
        return outcome.Value is { } lease ? TypedResults.Created("/api/admin/leases", lease) : outcome.ToProblem();
    }
}

/// <summary>A user as the API shows it: never the password hash.</summary>
/// <summary>An account as the admins see it. <c>mustChangePassword</c>: the password was set by an admin and not yet
/// replaced by its holder; <c>passwordChangedAt</c>: when it was last set (null for accounts stored before it was kept).</summary>
public sealed record UserView(Guid Id, string UserName, string PrintedName, IReadOnlyList<string> Roles, string? Tenant, bool Disabled, DateTimeOffset? LockedUntil,
    bool MustChangePassword, DateTimeOffset? PasswordChangedAt)
{
    public static UserView From(User user) => new(user.Id, user.UserName, user.PrintedName, user.Roles.Select(r => r.ToString()).ToList(), user.Tenant,
        user.Disabled, user.LockedUntil, user.MustChangePassword, user.PasswordChangedAt);
}

public sealed record ReasonRequest(string? Reason);

/// <param name="Kind">"client" (default: a machine client's bearer token) or "display" (a wall display's credential:
/// Viewer only, opened at /display/{secret}; docs/security.md "Display credentials").</param>
public sealed record NewTokenRequest(string? Name, IReadOnlyList<string>? Roles, string? Tenant, string? Reason, string? Kind = null);

/// <summary>The only time the token is shown: store it now.</summary>
public sealed record NewTokenView(Guid Id, string Name, string Token);

public sealed record TokenView(Guid Id, string Name, IReadOnlyList<string> Roles, string? Tenant, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
    ApiTokenKind Kind)
{
    public static TokenView From(ApiToken token) => new(token.Id, token.Name, token.Roles.Select(r => r.ToString()).ToList(), token.Tenant, token.CreatedBy,
        token.CreatedAt, token.RevokedAt, token.Kind);
}

/// <summary>POST /api/admin/users/{userName}/password body: the new password (the account's lock, if any, stays until unlocked).</summary>
public sealed record PasswordResetRequest(string? Password, string? Reason);

/// <summary>POST /api/admin/leases/{id}/end: <c>at</c> is the effective end (default now, never in the past).</summary>
public sealed record LeaseEndRequest(DateTimeOffset? At, string? Reason);

/// <summary>POST /api/admin/leases/{id}/change: the new planned end (<c>null</c>: until further notice).</summary>
public sealed record LeaseChangeRequest(DateTimeOffset? To, string? Reason);

public sealed record LeaseRequest(string? Room, string? Tenant, DateTimeOffset? From, DateTimeOffset? To, string? Reason);
