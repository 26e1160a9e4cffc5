using System.Security.Claims;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class LimitChangeEndpoints
{
    /// <summary>Limit changes under change control (docs/gmp.md "Limit changes under change control"). Reading needs any
    /// signed-in user (a tenant's see the changes of rooms leased to it); the steps are checked by
    /// <see cref="LimitChangeRules"/> and the signature itself, so every refusal (a wrong role too) is counted, logged and
    /// audited alike.</summary>
    public static IEndpointRouteBuilder MapLimitChangeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/limit-changes").WithTags("Limit changes").RequireAuthorization(Policies.Read);
        group.MapGet("", async Task<Results<Ok<IReadOnlyList<LimitChangeView>>, ProblemHttpResult>> (string? state, string? room, ClaimsPrincipal user,
                LimitChanging changing, CancellationToken ct) =>
            {
                LimitChangeState? wanted = null;
                if (state is not null)
                {
                    if (!Enum.TryParse<LimitChangeState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                    {
                        return TypedResults.Problem($"state must be one of {string.Join(", ", Enum.GetNames<LimitChangeState>())}", statusCode: StatusCodes.Status400BadRequest);
                    }
                    wanted = parsed;
                }
                return TypedResults.Ok(await changing.ListAsync(user, wanted, room, ct));
            })
            .WithDescription("Limit changes, newest proposal first; filter by state (Proposed, Approved, Effective, Rejected, Withdrawn) and room.");
        group.MapGet("/{id:guid}", async Task<Results<Ok<LimitChangeView>, NotFound>> (Guid id, ClaimsPrincipal user, LimitChanging changing, CancellationToken ct) =>
                await changing.FindAsync(id, user, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound())
            .WithDescription("One limit change with its state, the level's limits before and after, the limit sets it changes, its decision and its evidence.");
        group.MapPost("", async (LimitChangeProposal? request, ClaimsPrincipal user, LimitChanging changing, CancellationToken ct) =>
                Answer(await changing.ProposeAsync(request, user, ct), created: true))
            .WithDescription("QA proposes a change of a room's or sensor's limits for one parameter (the limits in the facility file's shape, a full " +
                             "replacement of that level), with a reason and an effective time. 400 a delay without justification or an alert outside the action band.");
        group.MapPost("/{id:guid}/approve", async (Guid id, LimitChangeSignRequest? request, ClaimsPrincipal user, LimitChanging changing, CancellationToken ct) =>
                Answer(await changing.ApproveAsync(id, request, user, ct)))
            .WithDescription("A second QA person's signed approval (password re-entered, the user id on the session's first signature). The change takes " +
                             "effect at its effective time, or at once when that has passed. 403 the proposer or not QA, 409 decided already, 401 wrong password.");
        group.MapPost("/{id:guid}/reject", async (Guid id, LimitChangeSignRequest? request, ClaimsPrincipal user, LimitChanging changing, CancellationToken ct) =>
                Answer(await changing.RejectAsync(id, request, user, ct)))
            .WithDescription("QA's signed rejection with a reason; the proposal is kept.");
        group.MapPost("/{id:guid}/withdraw", async (Guid id, LimitChangeSignRequest? request, ClaimsPrincipal user, LimitChanging changing, CancellationToken ct) =>
                Answer(await changing.WithdrawAsync(id, request, user, ct)))
            .WithDescription("The proposer's signed withdrawal with a reason; the proposal is kept.");
        group.MapPost("/{id:guid}/evidence", async (Guid id, LimitChangeEvidenceRequest? request, ClaimsPrincipal user, LimitChanging changing, CancellationToken ct) =>
                Answer(await changing.AddEvidenceAsync(id, request, user, ct)))
            .WithDescription("Adds evidence for the reviewers: a kind (\"replay\", \"alert-proposal\") and any JSON value, kept as given. QA only; 409 once decided.");
        group.MapPost("/{id:guid}/replay", async (Guid id, LimitChangeReplayRequest? request, ClaimsPrincipal user, LimitChangeReplays replays, CancellationToken ct) =>
                Answer(await replays.AddAsync(id, request, user, ct)))
            .RequireAuthorization(Policies.Operate)
            .WithDescription("Replays the stored period {from, to} of the change's room under the limits in force now and with the change applied, and keeps " +
                             "the comparison as \"replay\" evidence in the caller's name. Operator and QA; 400 a bad period, 409 once decided.");
        return app;
    }

    public static int StatusOf(LimitChangeFailure failure) => failure switch
    {
        LimitChangeFailure.Invalid => StatusCodes.Status400BadRequest,
        LimitChangeFailure.NotFound => StatusCodes.Status404NotFound,
        LimitChangeFailure.Forbidden => StatusCodes.Status403Forbidden,
        LimitChangeFailure.Signature => StatusCodes.Status401Unauthorized,
        _ => StatusCodes.Status409Conflict,
    };

    private static Results<Ok<LimitChangeView>, Created<LimitChangeView>, ProblemHttpResult> Answer((LimitChangeView? View, LimitChangeRefusal? Refusal) outcome,
        bool created = false) =>
        outcome.View is not { } view ? TypedResults.Problem(outcome.Refusal!.Message, statusCode: StatusOf(outcome.Refusal.Failure))
        : created ? TypedResults.Created($"/api/limit-changes/{view.Id}", view)
        : TypedResults.Ok(view);
}
