using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class RoomEndpoints
{
    /// <summary>Rooms with their current state; operation and non-monitoring windows.</summary>
    public static IEndpointRouteBuilder MapRoomEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rooms").WithTags("Rooms").RequireAuthorization(Policies.Read);
        group.MapGet("/", async (ClaimsPrincipal user, TenantScopes scopes, FacilityDefinition facility, ExcursionEngine engine, TimeProvider time, CancellationToken ct) =>
        {
            var scope = await scopes.ForAsync(user, ct);
            var now = time.GetUtcNow();
            return await engine.RunAsync((tracker, _, _) => Task.FromResult<IReadOnlyList<RoomStatus>>(facility.Rooms.Where(r => scope.HasRoomNow(r.Id, now)).Select(room => new RoomStatus(
                room.Id.Value,
                room.Name,
                room.Grade?.ToString(),
                tracker.Rooms.Current(room.Id).ToString(),
                tracker.Rooms.LastChange(room.Id)?.At,
                tracker.Batches.All.Where(b => b.IsActive && b.Rooms.Contains(room.Id)).Select(b => b.Number).ToList(),
                tracker.Active.Count(e => e.Room == room.Id))).ToList()), ct);
        });
        group.MapPost("/{room}/windows", DeclareAsync).RequireAuthorization(Policies.Operate);
        return app;
    }

    private static async Task<Results<Created<RoomWindow>, ProblemHttpResult>> DeclareAsync(string room, WindowRequest request, ClaimsPrincipal user,
        TenantScopes scopes, FacilityDefinition facility, ExcursionEngine engine, TimeProvider time, CancellationToken ct)
    {
        if (!facility.TryGetRoom(new RoomId(room), out _) || !(await scopes.ForAsync(user, ct)).HasRoomNow(new RoomId(room), time.GetUtcNow()))
        {
            return TypedResults.Problem($"unknown room '{room}'", statusCode: 404);
        }
        RoomWindowKind? kind = request.Kind switch { "operation" => RoomWindowKind.Operation, "non-monitoring" => RoomWindowKind.NonMonitoring, _ => null };
        var from = request.From ?? time.GetUtcNow();
        if (kind is null || request.To is not { } to || to <= from || string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.Problem("kind (\"operation\" or \"non-monitoring\"), to after from, and a reason are required", statusCode: 400);
        }
        var window = await engine.DeclareWindowAsync(new RoomWindow(Guid.CreateVersion7(), new RoomId(room), kind.Value, from, to, request.Reason, user.Identity!.Name!), ct);
        return TypedResults.Created($"/api/rooms/{room}", window);
    }
}

public sealed record RoomStatus(string Id, string Name, string? Grade, string State, DateTimeOffset? Since, IReadOnlyList<string> ActiveBatches, int ActiveExcursions);

/// <summary>POST /api/rooms/{room}/windows body.</summary>
public sealed record WindowRequest(string? Kind, DateTimeOffset? From, DateTimeOffset? To, string? Reason);
