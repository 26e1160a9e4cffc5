using System.Security.Claims;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Api;

public static class ExcursionEndpoints
{
    /// <summary>The excursion log, and the signed moves: acknowledge (Operator or QA), shelve (Operator or QA), close (QA).</summary>
    public static IEndpointRouteBuilder MapExcursionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/excursions").WithTags("Excursions").RequireAuthorization(Policies.Read);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.Operate);
        group.MapPost("/{id:guid}/shelve", ShelveAsync).RequireAuthorization(Policies.Operate);
        group.MapPost("/{id:guid}/close", CloseAsync).RequireAuthorization(Policies.Review);
        group.MapGet("/causes", (IOptions<SecurityOptions> options) => TypedResults.Ok(options.Value.AssignableCauses));
        return app;
    }

    internal static async Task<IReadOnlySet<string>> TenantBatchesAsync(TenantScope scope, IRecordStore records, CancellationToken ct) =>
        scope.IsFacilityStaff ? new HashSet<string>() : (await records.BatchesAsync(ct)).Where(scope.CanSee).Select(b => b.Number).ToHashSet();

    private static async Task<Results<Ok<IReadOnlyList<Excursion>>, ProblemHttpResult>> ListAsync(string? room, string? sensor, string? status, string? batch,
        DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, TenantScopes scopes, IRecordStore records, CancellationToken ct)
    {
        ExcursionStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ExcursionStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
            {
                return TypedResults.Problem($"status must be one of {string.Join(", ", Enum.GetNames<ExcursionStatus>())}", statusCode: 400);
            }
            parsed = s;
        }
        var scope = await scopes.ForAsync(user, ct);
        var tenantBatches = await TenantBatchesAsync(scope, records, ct);
        var query = new ExcursionQuery(room is null ? null : new RoomId(room), sensor is null ? null : new SensorId(sensor), parsed, batch, from, to);
        IReadOnlyList<Excursion> visible = (await records.ExcursionsAsync(query, ct)).Where(e => scope.CanSee(e, (IReadOnlyCollection<string>)tenantBatches)).ToList();
        return TypedResults.Ok(visible);
    }

    private static async Task<Results<Ok<Excursion>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, TenantScopes scopes, IRecordStore records, CancellationToken ct) =>
        await VisibleAsync(id, user, scopes, records, ct) is { } excursion ? TypedResults.Ok(excursion) : TypedResults.NotFound();

    /// <summary>Another tenant's excursion is "not found", not "forbidden": its existence is not disclosed.</summary>
    private static async Task<Excursion?> VisibleAsync(Guid id, ClaimsPrincipal user, TenantScopes scopes, IRecordStore records, CancellationToken ct)
    {
        var excursion = await records.FindExcursionAsync(id, ct);
        if (excursion is null)
        {
            return null;
        }
        var scope = await scopes.ForAsync(user, ct);
        return scope.CanSee(excursion, (IReadOnlyCollection<string>)await TenantBatchesAsync(scope, records, ct)) ? excursion : null;
    }

    private static async Task<Results<Ok<Excursion>, NotFound, ProblemHttpResult>> AcknowledgeAsync(Guid id, AcknowledgeRequest request, ClaimsPrincipal user,
        TenantScopes scopes, IRecordStore records, UserAccounts accounts, ExcursionEngine engine, IOptions<SecurityOptions> options, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Cause) || (!options.Value.AssignableCauses.Contains(request.Cause) && request.Cause != "other"))
        {
            return TypedResults.Problem($"cause must be one of: {string.Join("; ", options.Value.AssignableCauses)}; or other", statusCode: 400);
        }
        if (string.IsNullOrWhiteSpace(request.Comment) || request.Comment.Length > 2000)
        {
            return TypedResults.Problem("a comment (1-2000 characters) is required", statusCode: 400);
        }
        if (await VisibleAsync(id, user, scopes, records, ct) is null)
        {
            return TypedResults.NotFound();
        }
        var (signature, error) = await accounts.SignAsync(user, request.Password, request.Meaning ?? "acknowledged", RoleOf(user, Role.Operator), ct);
        if (signature is null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status401Unauthorized);
        }
        var acknowledgement = new ExcursionAcknowledgement(signature, request.Cause, request.Comment, request.ImmediateAction);
        return Result(await engine.ChangeAsync(id, "acknowledged", signature.UserName, request.Comment,
            (e, _) => ExcursionLifecycle.Acknowledge(e, acknowledgement), ct));
    }

    private static async Task<Results<Ok<Excursion>, NotFound, ProblemHttpResult>> ShelveAsync(Guid id, ShelveRequest request, ClaimsPrincipal user,
        TenantScopes scopes, IRecordStore records, ExcursionEngine engine, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.Problem("a reason is required", statusCode: 400);
        }
        if (await VisibleAsync(id, user, scopes, records, ct) is null)
        {
            return TypedResults.NotFound();
        }
        return Result(await engine.ChangeAsync(id, "shelved", user.Identity!.Name!, request.Reason,
            (e, at) => ExcursionLifecycle.Shelve(e, user.Identity!.Name!, request.Reason, at), ct));
    }

    private static async Task<Results<Ok<Excursion>, NotFound, ProblemHttpResult>> CloseAsync(Guid id, CloseRequest request, ClaimsPrincipal user,
        TenantScopes scopes, IRecordStore records, UserAccounts accounts, ExcursionEngine engine, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Deviation) || string.IsNullOrWhiteSpace(request.Comment))
        {
            return TypedResults.Problem("a deviation or investigation reference and a comment are required", statusCode: 400);
        }
        if ((request.Impacts ?? []).Any(i => string.IsNullOrWhiteSpace(i.Batch) || string.IsNullOrWhiteSpace(i.Decision) || string.IsNullOrWhiteSpace(i.Reason)))
        {
            return TypedResults.Problem("each product-impact decision needs batch, decision and reason", statusCode: 400);
        }
        if (await VisibleAsync(id, user, scopes, records, ct) is null)
        {
            return TypedResults.NotFound();
        }
        var (signature, error) = await accounts.SignAsync(user, request.Password, request.Meaning ?? "reviewed and closed", nameof(Role.QA), ct);
        if (signature is null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status401Unauthorized);
        }
        var closure = new ExcursionClosure(signature, request.Deviation, request.Impacts ?? [], request.Capa, request.Comment);
        return Result(await engine.ChangeAsync(id, "closed", signature.UserName, request.Comment, (e, _) => ExcursionLifecycle.Close(e, closure), ct));
    }

    private static Results<Ok<Excursion>, NotFound, ProblemHttpResult> Result((Excursion? Excursion, string? Error) outcome) =>
        outcome.Excursion is null ? TypedResults.NotFound()
        : outcome.Error is not null ? TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status409Conflict)
        : TypedResults.Ok(outcome.Excursion);

    private static string RoleOf(ClaimsPrincipal user, Role preferred) =>
        user.IsInRole(nameof(Role.QA)) && preferred != Role.Operator ? nameof(Role.QA) : user.IsInRole(preferred.ToString()) ? preferred.ToString() : nameof(Role.QA);
}

/// <summary>Acknowledge with an electronic signature: the password again, the meaning, an assignable cause, a comment,
/// and the immediate action taken.</summary>
public sealed record AcknowledgeRequest(string? Password, string? Meaning, string? Cause, string? Comment, string? ImmediateAction);

/// <summary>Close with QA's signature: deviation reference, a product-impact decision per linked batch, CAPA, comment.</summary>
public sealed record CloseRequest(string? Password, string? Meaning, string? Deviation, IReadOnlyList<ProductImpact>? Impacts, string? Capa, string? Comment);

public sealed record ShelveRequest(string? Reason);
