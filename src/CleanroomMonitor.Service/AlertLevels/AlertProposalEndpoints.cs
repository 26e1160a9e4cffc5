using System.Security.Claims;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.AlertLevels;

public static class AlertProposalEndpoints
{
    /// <summary>GET /api/rooms/{room}/alert-proposal?parameter=…&amp;state=at-rest|in-operation&amp;from=…&amp;to=…[&amp;sensor=…][&amp;tail=0.01]:
    /// a proposed alert level from the period's stored samples (docs/excursions.md "Proposing alert levels from data").
    /// Operators and QA of the facility; nothing is stored.</summary>
    public static IEndpointRouteBuilder MapAlertProposalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/rooms/{room}/alert-proposal", ProposeAsync).WithTags("Rooms").RequireAuthorization(Policies.Operate, Policies.Staff);
        return app;
    }

    private static async Task<Results<Ok<AlertProposalView>, ProblemHttpResult>> ProposeAsync(string room, string? parameter, string? state, string? from,
        string? to, string? sensor, string? tail, ClaimsPrincipal user, AlertProposals proposals, CancellationToken ct)
    {
        var outcome = await proposals.ProposeAsync(new AlertProposalRequest(room, parameter, state, from, to, sensor, tail), user, ct);
        return outcome.Value is { } view ? TypedResults.Ok(view) : outcome.ToProblem();
    }

    public static IServiceCollection AddAlertProposals(this IServiceCollection services) =>
        services.AddTransient<AlertSampleReader>().AddSingleton<AlertProposals>();
}
