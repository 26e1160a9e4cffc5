using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
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

    private static async Task<Results<Created<Batch>, ProblemHttpResult>> StartAsync(StartBatchRequest request, ClaimsPrincipal user, BatchControl batches,
        CancellationToken ct)
    {
        var outcome = await batches.StartAsync(request, user, ct);
        return outcome.Value is { } batch ? TypedResults.Created($"/api/batches/{Uri.EscapeDataString(batch.Number)}", batch) : outcome.ToProblem();
    }

    private static async Task<Results<Ok<Batch>, ProblemHttpResult>> EndAsync(string number, EndBatchRequest? request, ClaimsPrincipal user, BatchControl batches,
        CancellationToken ct)
    {
        var outcome = await batches.EndAsync(number, request, user, ct);
        return outcome.Value is { } batch ? TypedResults.Ok(batch) : outcome.ToProblem();
    }
}

/// <summary>POST /api/batches body. <c>process</c>: "open" or "closed"; <c>startedAt</c> defaults to now; <c>tenant</c>
/// defaults to the rooms' lessee; <c>reason</c> (optional for machines, asked of people by the pages) goes into the audit trail.</summary>
public sealed record StartBatchRequest(string? Number, string? Product, string? Tenant, IReadOnlyList<string>? Rooms, string? Process,
    DateTimeOffset? StartedAt, string? Reason = null);

/// <summary>POST /api/batches/{number}/end body (optional). <c>endedAt</c> defaults to now; <c>reason</c> goes into the audit trail.</summary>
public sealed record EndBatchRequest(DateTimeOffset? EndedAt, string? Reason = null);
