using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Evaluation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class BatchEndpoints
{
    /// <summary>Batches: start (POST /api/batches), end (POST /api/batches/{number}/end), list and read.</summary>
    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/batches").WithTags("Batches");
        group.MapGet("/", async (IRecordStore records, CancellationToken ct) => TypedResults.Ok(await records.BatchesAsync(ct)));
        group.MapGet("/{number}", GetAsync);
        group.MapPost("/", StartAsync);
        group.MapPost("/{number}/end", EndAsync);
        return app;
    }

    private static async Task<Results<Ok<Batch>, NotFound>> GetAsync(string number, IRecordStore records, CancellationToken ct) =>
        (await records.BatchesAsync(ct)).FirstOrDefault(b => b.Number == number) is { } batch ? TypedResults.Ok(batch) : TypedResults.NotFound();

    private static async Task<Results<Created<Batch>, ProblemHttpResult>> StartAsync(StartBatchRequest request, ExcursionEngine engine, CancellationToken ct)
    {
        var (batch, problem) = await engine.StartBatchAsync(
            new BatchStart(request.Number, request.Product, request.Tenant, request.Rooms, request.Process, request.StartedAt, request.By ?? "api"), ct);
        return batch is not null ? TypedResults.Created($"/api/batches/{Uri.EscapeDataString(batch.Number)}", batch) : Problem(problem!);
    }

    private static async Task<Results<Ok<Batch>, ProblemHttpResult>> EndAsync(string number, EndBatchRequest? request, ExcursionEngine engine, CancellationToken ct)
    {
        var (batch, problem) = await engine.EndBatchAsync(new BatchEnd(number, request?.EndedAt, request?.By ?? "api"), ct);
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
    DateTimeOffset? StartedAt, string? By);

/// <summary>POST /api/batches/{number}/end body (optional). <c>endedAt</c> defaults to now.</summary>
public sealed record EndBatchRequest(DateTimeOffset? EndedAt, string? By);
