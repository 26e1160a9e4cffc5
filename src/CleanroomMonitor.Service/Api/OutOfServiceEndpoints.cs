using System.Security.Claims;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class OutOfServiceEndpoints
{
    /// <summary>Sensors out of service (ISA-18.2) in a room: list (any role of a tenant renting it), take out and return
    /// (Operator, Admin), through <see cref="OutOfServiceControl"/>.</summary>
    public static IEndpointRouteBuilder MapOutOfServiceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rooms/{room}/out-of-service").WithTags("Rooms").RequireAuthorization(Policies.Read);
        group.MapGet("/", async Task<Results<Ok<IReadOnlyList<OutOfServicePeriod>>, NotFound>> (string room, ClaimsPrincipal user, OutOfServiceControl control,
            CancellationToken ct) => await control.ListAsync(room, user, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound());
        group.MapPost("/", TakeAsync).RequireAuthorization(Policies.Maintain);
        group.MapPost("/{id:guid}/return", ReturnAsync).RequireAuthorization(Policies.Maintain);
        return app;
    }

    private static async Task<Results<Created<OutOfServicePeriod>, ProblemHttpResult>> TakeAsync(string room, OutOfServiceRequest request, ClaimsPrincipal user,
        OutOfServiceControl control, CancellationToken ct)
    {
        var outcome = await control.TakeAsync(room, request, user, ct);
        return outcome.Value is { } period ? TypedResults.Created($"/api/rooms/{Uri.EscapeDataString(room)}/out-of-service", period) : outcome.ToProblem();
    }

    private static async Task<Results<Ok<OutOfServicePeriod>, ProblemHttpResult>> ReturnAsync(string room, Guid id, ReasonRequest request, ClaimsPrincipal user,
        OutOfServiceControl control, CancellationToken ct)
    {
        var outcome = await control.ReturnAsync(room, id, request, user, ct);
        return outcome.Value is { } period ? TypedResults.Ok(period) : outcome.ToProblem();
    }
}
