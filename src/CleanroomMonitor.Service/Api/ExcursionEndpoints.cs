using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Evaluation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class ExcursionEndpoints
{
    /// <summary>The excursion log and its moves. Sign-in and electronic signatures come with the web issue; until then
    /// the caller names the user, and every move is audited under that name.</summary>
    public static IEndpointRouteBuilder MapExcursionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/excursions").WithTags("Excursions");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/acknowledge", (Guid id, ExcursionActionRequest request, ExcursionEngine engine, CancellationToken ct) =>
            MoveAsync(id, "acknowledged", request, engine, (e, at) => ExcursionLifecycle.Acknowledge(e, request.User!, request.Comment!, at), ct));
        group.MapPost("/{id:guid}/shelve", (Guid id, ExcursionActionRequest request, ExcursionEngine engine, CancellationToken ct) =>
            MoveAsync(id, "shelved", request, engine, (e, at) => ExcursionLifecycle.Shelve(e, request.User!, request.Comment!, at), ct));
        group.MapPost("/{id:guid}/close", (Guid id, ExcursionActionRequest request, ExcursionEngine engine, CancellationToken ct) =>
            MoveAsync(id, "closed", request, engine, (e, at) => ExcursionLifecycle.Close(e, request.User!, request.Comment!, at), ct));
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<Excursion>>, ProblemHttpResult>> ListAsync(string? room, string? sensor, string? status, string? batch,
        DateTimeOffset? from, DateTimeOffset? to, IRecordStore records, CancellationToken ct)
    {
        ExcursionStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ExcursionStatus>(status, ignoreCase: true, out var s))
            {
                return TypedResults.Problem($"status must be one of {string.Join(", ", Enum.GetNames<ExcursionStatus>())}", statusCode: 400);
            }
            parsed = s;
        }
        var query = new ExcursionQuery(room is null ? null : new RoomId(room), sensor is null ? null : new SensorId(sensor), parsed, batch, from, to);
        return TypedResults.Ok(await records.ExcursionsAsync(query, ct));
    }

    private static async Task<Results<Ok<Excursion>, NotFound>> GetAsync(Guid id, IRecordStore records, CancellationToken ct) =>
        await records.FindExcursionAsync(id, ct) is { } excursion ? TypedResults.Ok(excursion) : TypedResults.NotFound();

    private static async Task<Results<Ok<Excursion>, NotFound, ProblemHttpResult>> MoveAsync(Guid id, string action, ExcursionActionRequest request,
        ExcursionEngine engine, Func<Excursion, DateTimeOffset, (Excursion?, string?)> move, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.User) || string.IsNullOrWhiteSpace(request.Comment) || request.Comment.Length > 2000)
        {
            return TypedResults.Problem("user and comment (1-2000 characters) are required", statusCode: 400);
        }
        var (excursion, error) = await engine.ChangeAsync(id, action, request.User, request.Comment, move, ct);
        return excursion is null ? TypedResults.NotFound()
            : error is not null ? TypedResults.Problem(error, statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Ok(excursion);
    }
}

/// <summary>Body of acknowledge, shelve and close: who, and why.</summary>
public sealed record ExcursionActionRequest(string? User, string? Comment);
