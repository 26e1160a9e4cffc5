using System.Security.Claims;
using CleanroomMonitor.Core.Replay;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Replay;

public static class ReplayEndpoints
{
    /// <summary>POST /api/rooms/{room}/replay: the stored period replayed under the current limits and a proposal, the
    /// comparison as JSON (QA and Operator, the engineers who propose and judge limit changes; a tenant only in its rooms).</summary>
    public static IEndpointRouteBuilder MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/rooms/{room}/replay", ReplayAsync).WithTags("Rooms").RequireAuthorization(Policies.Operate);
        return app;
    }

    /// <summary>The runner and what reads readings for it.</summary>
    public static IServiceCollection AddLimitReplay(this IServiceCollection services)
    {
        services.AddSingleton<ReplayReadings>();
        services.AddSingleton<ReplayRunner>();
        return services;
    }

    private static async Task<Results<Ok<ReplayComparison>, ProblemHttpResult>> ReplayAsync(string room, ReplayRequest request, ClaimsPrincipal user,
        ReplayRunner runner, CancellationToken ct)
    {
        var outcome = await runner.RunAsync(room, request, user, ct);
        return outcome.Value is { } comparison ? TypedResults.Ok(comparison) : outcome.ToProblem();
    }
}
