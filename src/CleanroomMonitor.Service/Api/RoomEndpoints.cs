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
        group.MapGet("/", async (ClaimsPrincipal user, TenantScopes scopes, FacilityDefinition facility, EngineView view, TimeProvider time, CancellationToken ct) =>
        {
            var scope = await scopes.ForAsync(user, ct);
            var now = time.GetUtcNow();
            var tracker = view.Current;
            return facility.Rooms.Where(r => scope.HasRoomNow(r.Id, now)).Select(room => new RoomStatus(
                room.Id.Value,
                room.Name,
                room.Grade?.ToString(),
                tracker.CurrentState(room.Id).ToString(),
                tracker.LastChange(room.Id)?.At,
                tracker.ActiveBatchesIn(room.Id),
                tracker.Active.Count(e => e.Room == room.Id))).ToList();
        });
        group.MapGet("/{room}/windows", async Task<Results<Ok<IReadOnlyList<RoomWindow>>, NotFound>> (string room, ClaimsPrincipal user, RoomWindows windows, CancellationToken ct) =>
            await windows.ListAsync(room, user, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound());
        group.MapPost("/{room}/windows", DeclareAsync).RequireAuthorization(Policies.Operate);
        group.MapPost("/{room}/windows/{id:guid}/end", EndAsync).RequireAuthorization(Policies.Operate);
        return app;
    }

    private static async Task<Results<Created<RoomWindow>, ProblemHttpResult>> DeclareAsync(string room, WindowRequest request, ClaimsPrincipal user,
        RoomWindows windows, CancellationToken ct)
    {
        var outcome = await windows.DeclareAsync(room, request, user, ct);
        return outcome.Value is { } window ? TypedResults.Created($"/api/rooms/{Uri.EscapeDataString(room)}/windows", window) : outcome.ToProblem();
    }

    private static async Task<Results<Ok<RoomWindow>, ProblemHttpResult>> EndAsync(string room, Guid id, ReasonRequest request, ClaimsPrincipal user,
        RoomWindows windows, CancellationToken ct)
    {
        var outcome = await windows.EndAsync(room, id, request, user, ct);
        return outcome.Value is { } window ? TypedResults.Ok(window) : outcome.ToProblem();
    }
}

public sealed record RoomStatus(string Id, string Name, string? Grade, string State, DateTimeOffset? Since, IReadOnlyList<string> ActiveBatches, int ActiveExcursions);

/// <summary>POST /api/rooms/{room}/windows body.</summary>
public sealed record WindowRequest(string? Kind, DateTimeOffset? From, DateTimeOffset? To, string? Reason);
