using System.Security.Claims;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

public static class ExcursionEndpoints
{
    /// <summary>The excursion log, and the signed moves: acknowledge (Operator or QA), shelve (Operator or QA), close (QA);
    /// <c>/signing</c> lists the meanings each move may carry and the product-impact decisions.</summary>
    public static IEndpointRouteBuilder MapExcursionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/excursions").WithTags("Excursions").RequireAuthorization(Policies.Read);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.Operate);
        group.MapPost("/{id:guid}/shelve", ShelveAsync).RequireAuthorization(Policies.Operate);
        group.MapPost("/{id:guid}/close", CloseAsync).RequireAuthorization(Policies.Review);
        group.MapGet("/causes", (ExcursionReview review) => TypedResults.Ok(review.AssignableCauses));
        group.MapGet("/signing", (ClaimsPrincipal user, ExcursionReview review) => TypedResults.Ok(new SigningChoices(ReviewRules.AcknowledgeMeanings,
            ReviewRules.ShelveMeanings, ReviewRules.CloseMeanings, ReviewRules.ImpactDecisions, review.UserIdRequired(user))));
        return app;
    }

    internal static async Task<IReadOnlySet<string>> TenantBatchesAsync(TenantScope scope, IRecordStore records, CancellationToken ct) =>
        scope.IsFacilityStaff ? new HashSet<string>() : (await records.BatchesAsync(ct)).Where(scope.CanSee).Select(b => b.Number).ToHashSet();

    private static async Task<Results<Ok<IReadOnlyList<Excursion>>, ProblemHttpResult>> ListAsync(string? room, string? sensor, string? status, string? batch,
        DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, ExcursionReview review, CancellationToken ct)
    {
        ExcursionStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ExcursionStatus>(status, ignoreCase: true, out var s) || !Enum.IsDefined(s))
            {
                return TypedResults.Problem($"status must be one of {string.Join(", ", Enum.GetNames<ExcursionStatus>())}", statusCode: 400);
            }
            parsed = s;
        }
        var query = new ExcursionQuery(room is null ? null : new RoomId(room), sensor is null ? null : new SensorId(sensor), parsed, batch, from, to);
        return TypedResults.Ok(await review.ListAsync(query, user, ct));
    }

    private static async Task<Results<Ok<Excursion>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, ExcursionReview review, CancellationToken ct) =>
        await review.VisibleAsync(id, user, ct) is { } excursion ? TypedResults.Ok(excursion) : TypedResults.NotFound();

    private static async Task<Results<Ok<Excursion>, NotFound, ProblemHttpResult>> AcknowledgeAsync(Guid id, AcknowledgeRequest request, ClaimsPrincipal user,
        ExcursionReview review, CancellationToken ct) =>
        Result(await review.AcknowledgeAsync(id, request, user, ct));

    private static async Task<Results<Ok<Excursion>, NotFound, ProblemHttpResult>> ShelveAsync(Guid id, ShelveRequest request, ClaimsPrincipal user,
        ExcursionReview review, CancellationToken ct) =>
        Result(await review.ShelveAsync(id, request, user, ct));

    private static async Task<Results<Ok<Excursion>, NotFound, ProblemHttpResult>> CloseAsync(Guid id, CloseRequest request, ClaimsPrincipal user,
        ExcursionReview review, CancellationToken ct) =>
        Result(await review.CloseAsync(id, request, user, ct));

    private static Results<Ok<Excursion>, NotFound, ProblemHttpResult> Result(ReviewOutcome outcome) => outcome.Failure switch
    {
        ReviewFailure.None => TypedResults.Ok(outcome.Excursion!),
        ReviewFailure.NotFound => TypedResults.NotFound(),
        ReviewFailure.Invalid => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status400BadRequest),
        ReviewFailure.Signature => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status401Unauthorized),
        _ => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status409Conflict),
    };
}

/// <summary>Acknowledge with an electronic signature: the password again (and the user id on the session's first
/// signature: <see cref="SigningChoices.UserIdRequired"/>), the meaning, an assignable cause, a comment, and the
/// immediate action taken.</summary>
public sealed record AcknowledgeRequest(string? Password, string? Meaning, string? Cause, string? Comment, string? ImmediateAction, string? UserName = null);

/// <summary>Close with QA's signature (password, and the user id when required): deviation reference, a
/// product-impact decision per linked batch, CAPA, comment.</summary>
public sealed record CloseRequest(string? Password, string? Meaning, string? Deviation, IReadOnlyList<ProductImpact>? Impacts, string? Capa, string? Comment,
    string? UserName = null);

/// <summary>Shelve with a person's signature: the password again (and the user id when required), the meaning
/// ("shelved"), a reason and the expiry, when the excursion returns to unacknowledged by itself.</summary>
public sealed record ShelveRequest(string? Password, string? Meaning, string? Reason, DateTimeOffset? Until, string? UserName = null);

/// <summary>The fixed choices of the signed moves (<see cref="ReviewRules"/>), and whether the caller's next signature
/// must give the user id as well as the password (<c>userIdRequired</c>: the session has not signed yet, or not within
/// <c>Security:SigningSessionIdle</c>).</summary>
public sealed record SigningChoices(IReadOnlyList<string> Acknowledge, IReadOnlyList<string> Shelve, IReadOnlyList<string> Close, IReadOnlyList<string> Decisions,
    bool UserIdRequired);
