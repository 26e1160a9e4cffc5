using System.Security.Claims;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class AdminEndpoints
{
    /// <summary>User, token and room-lease administration (Admin role). Every change is audited; nothing is deleted.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Administer);
        group.MapGet("/users", async (IUserStore users, CancellationToken ct) =>
            TypedResults.Ok((await users.UsersAsync(ct)).Select(UserView.From).ToList()));
        group.MapPost("/users", CreateUserAsync);
        group.MapPost("/users/{userName}/disable", (string userName, ReasonRequest request, ClaimsPrincipal admin, IUserStore users, TimeProvider time, CancellationToken ct) =>
            ChangeUserAsync(userName, request, admin, users, time, "user.disabled", u => u with { Disabled = true }, ct));
        group.MapPost("/users/{userName}/enable", (string userName, ReasonRequest request, ClaimsPrincipal admin, IUserStore users, TimeProvider time, CancellationToken ct) =>
            ChangeUserAsync(userName, request, admin, users, time, "user.enabled", u => u with { Disabled = false }, ct));
        group.MapPost("/users/{userName}/unlock", (string userName, ReasonRequest request, ClaimsPrincipal admin, IUserStore users, TimeProvider time, CancellationToken ct) =>
            ChangeUserAsync(userName, request, admin, users, time, "user.unlocked", u => u with { LockedUntil = null, FailedAttempts = 0 }, ct));
        group.MapGet("/tokens", async (IUserStore users, CancellationToken ct) =>
            TypedResults.Ok((await users.TokensAsync(ct)).Select(t => new TokenView(t.Id, t.Name, t.Roles.Select(r => r.ToString()).ToList(), t.Tenant, t.CreatedBy, t.CreatedAt, t.RevokedAt)).ToList()));
        group.MapPost("/tokens", CreateTokenAsync);
        group.MapPost("/tokens/{id:guid}/revoke", RevokeTokenAsync);
        group.MapGet("/leases", async (IUserStore users, CancellationToken ct) => TypedResults.Ok(await users.LeasesAsync(ct)));
        group.MapPost("/leases", CreateLeaseAsync);
        return app;
    }

    private static async Task<Results<Created<UserView>, ProblemHttpResult>> CreateUserAsync(NewUser request, ClaimsPrincipal admin, UserAccounts accounts, CancellationToken ct)
    {
        var (user, error) = await accounts.CreateAsync(request, admin.Identity!.Name!, ct);
        return user is null ? TypedResults.Problem(error, statusCode: error!.Contains("exists", StringComparison.Ordinal) ? 409 : 400)
            : TypedResults.Created($"/api/admin/users/{user.UserName}", UserView.From(user));
    }

    private static async Task<Results<Ok<UserView>, NotFound, ProblemHttpResult>> ChangeUserAsync(string userName, ReasonRequest request, ClaimsPrincipal admin,
        IUserStore users, TimeProvider time, string action, Func<User, User> change, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.Problem("a reason is required (it goes into the audit trail)", statusCode: 400);
        }
        if (await users.FindUserAsync(userName, ct) is not { } user)
        {
            return TypedResults.NotFound();
        }
        var changed = change(user);
        await users.SaveUserAsync(changed, new AuditEntry(time.GetUtcNow(), admin.Identity!.Name!, "Admin", action, "user", user.Id.ToString("D"), null, null, request.Reason), ct);
        return TypedResults.Ok(UserView.From(changed));
    }

    private static async Task<Results<Created<NewTokenView>, ProblemHttpResult>> CreateTokenAsync(NewTokenRequest request, ClaimsPrincipal admin, IUserStore users,
        TimeProvider time, CancellationToken ct)
    {
        var roles = new List<Role>();
        foreach (var name in request.Roles ?? [])
        {
            if (!Enum.TryParse<Role>(name, ignoreCase: true, out var role) || role == Role.Admin)
            {
                return TypedResults.Problem($"role '{name}' cannot be given to a token (Viewer, Operator, QA)", statusCode: 400);
            }
            roles.Add(role);
        }
        if (string.IsNullOrWhiteSpace(request.Name) || roles.Count == 0)
        {
            return TypedResults.Problem("name and at least one role are required", statusCode: 400);
        }
        var secret = ApiTokenHandler.NewToken();
        var now = time.GetUtcNow();
        var token = new ApiToken(Guid.CreateVersion7(now), request.Name.Trim(), ApiTokenHandler.HashOf(secret), roles, request.Tenant, admin.Identity!.Name!, now, null);
        await users.SaveTokenAsync(token, new AuditEntry(now, admin.Identity.Name!, "Admin", "token.created", "api_token", token.Id.ToString("D"), null, null, request.Reason), ct);
        return TypedResults.Created($"/api/admin/tokens/{token.Id}", new NewTokenView(token.Id, token.Name, secret));
    }

    private static async Task<Results<Ok, NotFound>> RevokeTokenAsync(Guid id, ReasonRequest request, ClaimsPrincipal admin, IUserStore users, TimeProvider time, CancellationToken ct)
    {
        if ((await users.TokensAsync(ct)).FirstOrDefault(t => t.Id == id) is not { } token)
        {
            return TypedResults.NotFound();
        }
        var now = time.GetUtcNow();
        await users.SaveTokenAsync(token with { RevokedAt = now },
            new AuditEntry(now, admin.Identity!.Name!, "Admin", "token.revoked", "api_token", id.ToString("D"), null, null, request.Reason), ct);
        return TypedResults.Ok();
    }

    private static async Task<Results<Created<RoomLease>, ProblemHttpResult>> CreateLeaseAsync(LeaseRequest request, ClaimsPrincipal admin, FacilityDefinition facility,
        IUserStore users, TimeProvider time, CancellationToken ct)
    {
        if (request.Room is null || !facility.TryGetRoom(new RoomId(request.Room), out _))
        {
            return TypedResults.Problem($"unknown room '{request.Room}'", statusCode: 400);
        }
        var from = request.From ?? time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(request.Tenant) || request.To <= from)
        {
            return TypedResults.Problem("tenant is required and to must be after from", statusCode: 400);
        }
        var lease = new RoomLease(Guid.CreateVersion7(from), new RoomId(request.Room), request.Tenant.Trim(), from, request.To, admin.Identity!.Name!);
        await users.SaveLeaseAsync(lease, new AuditEntry(time.GetUtcNow(), admin.Identity.Name!, "Admin", "room.leased", "room_lease", lease.Id.ToString("D"), null, null, request.Reason), ct);
        return TypedResults.Created("/api/admin/leases", lease);
    }
}

/// <summary>A user as the API shows it: never the password hash.</summary>
public sealed record UserView(Guid Id, string UserName, string PrintedName, IReadOnlyList<string> Roles, string? Tenant, bool Disabled, DateTimeOffset? LockedUntil)
{
    public static UserView From(User user) => new(user.Id, user.UserName, user.PrintedName, user.Roles.Select(r => r.ToString()).ToList(), user.Tenant,
        user.Disabled, user.LockedUntil);
}

public sealed record ReasonRequest(string? Reason);

public sealed record NewTokenRequest(string? Name, IReadOnlyList<string>? Roles, string? Tenant, string? Reason);

/// <summary>The only time the token is shown: store it now.</summary>
public sealed record NewTokenView(Guid Id, string Name, string Token);

public sealed record TokenView(Guid Id, string Name, IReadOnlyList<string> Roles, string? Tenant, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record LeaseRequest(string? Room, string? Tenant, DateTimeOffset? From, DateTimeOffset? To, string? Reason);
