using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class BatchEndpoints
{
    /// <summary>Batches: start (POST /api/batches), end (POST /api/batches/{number}/end), list and read.</summary>
    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/batches").WithTags("Batches").RequireAuthorization(Policies.Read);
        group.MapGet("/", async (ClaimsPrincipal user, TenantScopes scopes, IRecordStore records, CancellationToken ct) =>
        {
            var scope = await scopes.ForAsync(user, ct);
            return TypedResults.Ok((await records.BatchesAsync(ct)).Where(scope.CanSee).ToList());
        });
        group.MapGet("/{number}", GetAsync);
        group.MapPost("/", StartAsync).RequireAuthorization(Policies.Operate);
        group.MapPost("/{number}/end", EndAsync).RequireAuthorization(Policies.Operate);
        return app;
    }

    /// <summary>Another tenant's batch is "not found": its existence is not disclosed.</summary>
    private static async Task<Results<Ok<Batch>, NotFound>> GetAsync(string number, ClaimsPrincipal user, TenantScopes scopes, IRecordStore records, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(user, ct);
        return (await records.BatchesAsync(ct)).FirstOrDefault(b => b.Number == number && scope.CanSee(b)) is { } batch ? TypedResults.Ok(batch) : TypedResults.NotFound();
    }

    private static async Task<Results<Created<Batch>, ProblemHttpResult>> StartAsync(StartBatchRequest request, ClaimsPrincipal user, TenantScopes scopes,
        ExcursionEngine engine, TimeProvider time, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(user, ct);
        if (!scope.IsFacilityStaff)
        {
            // A tenant starts batches for itself, in rooms it rents now.
            if (request.Tenant is not null && request.Tenant != scope.Tenant)
            {
                return TypedResults.Problem($"a user of {scope.Tenant} cannot start a batch for {request.Tenant}", statusCode: StatusCodes.Status403Forbidden);
            }
            var notLeased = (request.Rooms ?? []).Where(r => !scope.HasRoomNow(new RoomId(r), time.GetUtcNow())).ToList();
            if (notLeased.Count > 0)
            {
                return TypedResults.Problem($"room(s) not leased to {scope.Tenant}: {string.Join(", ", notLeased)}", statusCode: StatusCodes.Status403Forbidden);
            }
            request = request with { Tenant = scope.Tenant };
        }
        var (batch, problem) = await engine.StartBatchAsync(
            new BatchStart(request.Number, request.Product, request.Tenant, request.Rooms, request.Process, request.StartedAt, user.Identity!.Name!), ct);
        return batch is not null ? TypedResults.Created($"/api/batches/{Uri.EscapeDataString(batch.Number)}", batch) : Problem(problem!);
    }

    private static async Task<Results<Ok<Batch>, ProblemHttpResult>> EndAsync(string number, EndBatchRequest? request, ClaimsPrincipal user, TenantScopes scopes,
        IRecordStore records, ExcursionEngine engine, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(user, ct);
        if (!scope.IsFacilityStaff && !(await records.BatchesAsync(ct)).Any(b => b.Number == number && scope.CanSee(b)))
        {
            return Problem(new BatchProblem(BatchProblemKind.NotFound, $"no batch {number}"));
        }
        var (batch, problem) = await engine.EndBatchAsync(new BatchEnd(number, request?.EndedAt, user.Identity!.Name!), ct);
        return batch is not null ? TypedResults.Ok(batch) : Problem(problem!);
    }

    internal static ProblemHttpResult Problem(BatchProblem problem) => TypedResults.Problem(problem.Message, statusCode: problem.Kind switch
    {
        BatchProblemKind.NotFound => StatusCodes.Status404NotFound,
        BatchProblemKind.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    });
}

/// <summary>POST /api/batches body. <c>process</c>: "open" or "closed"; <c>startedAt</c> defaults to now.</summary>
public sealed record StartBatchRequest(string? Number, string? Product, string? Tenant, IReadOnlyList<string>? Rooms, string? Process,
    DateTimeOffset? StartedAt);

/// <summary>POST /api/batches/{number}/end body (optional). <c>endedAt</c> defaults to now.</summary>
public sealed record EndBatchRequest(DateTimeOffset? EndedAt);
