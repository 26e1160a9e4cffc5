using System.Security.Claims;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Service.Notifications;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class NotificationEndpoints
{
    /// <summary>The notification plan (read and replaced by the facility's administrators, every change audited with a
    /// reason), who is on call now, test notifications per route, and the delivery record: of one excursion for whoever may
    /// see it, of everything for administrators (docs/notifications.md).</summary>
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization(Policies.Administer);
        group.MapGet("/plan", GetPlan);
        group.MapPut("/plan", SavePlanAsync);
        group.MapGet("/plan/history", async (NotificationAdministration admin, CancellationToken ct) => TypedResults.Ok(await admin.HistoryAsync(ct)));
        group.MapGet("/on-call", (NotificationAdministration admin) => TypedResults.Ok(admin.OnCall()));
        group.MapPost("/test", TestAsync);
        group.MapGet("/deliveries", async (int? count, NotificationAdministration admin, CancellationToken ct) =>
            TypedResults.Ok(await admin.RecentAsync(count ?? 100, ct)));
        app.MapGet("/api/excursions/{id:guid}/deliveries", DeliveriesAsync).WithTags("Excursions").RequireAuthorization(Policies.Read);
        return app;
    }

    private static Results<Ok<StoredPlan>, NotFound> GetPlan(NotificationAdministration admin) =>
        admin.Stored is { } stored ? TypedResults.Ok(stored) : TypedResults.NotFound();

    private static async Task<Results<Ok<StoredPlan>, ValidationProblem>> SavePlanAsync(PlanRequest request, ClaimsPrincipal user, NotificationAdministration admin,
        CancellationToken ct)
    {
        var (saved, errors) = await admin.SavePlanAsync(request.Text, request.Reason, user, ct);
        return saved is not null
            ? TypedResults.Ok(saved)
            : TypedResults.ValidationProblem(errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray()),
                title: "The notification plan was not saved");
    }

    private static async Task<Results<Ok<IReadOnlyList<Delivery>>, ProblemHttpResult>> TestAsync(TestRequest request, ClaimsPrincipal user,
        NotificationAdministration admin, CancellationToken ct)
    {
        var outcome = await admin.TestAsync(request.Route, request.Reason, user, ct);
        return outcome.Value is { } deliveries ? TypedResults.Ok(deliveries) : outcome.ToProblem();
    }

    private static async Task<Results<Ok<IReadOnlyList<Delivery>>, NotFound>> DeliveriesAsync(Guid id, ClaimsPrincipal user, ExcursionReview review,
        NotificationAdministration admin, CancellationToken ct) =>
        await review.VisibleAsync(id, user, ct) is null ? TypedResults.NotFound() : TypedResults.Ok(await admin.DeliveriesAsync(id, user, ct));
}

/// <summary>A new notification plan: its JSON text (comments allowed, as in a file) and why it changes.</summary>
public sealed record PlanRequest(string? Text, string? Reason);

/// <summary>A test notification of a route, and why it is sent.</summary>
public sealed record TestRequest(string? Route, string? Reason);
