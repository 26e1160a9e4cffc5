using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Reports;

public static class BreachReviewEndpoints
{
    /// <summary>POST /api/batches/{number}/breach-review: QA's signed review of unexplained breach runs (docs/reports.md).
    /// The role is checked by the signing itself (a refusal is counted and logged like every other); GET
    /// /api/batches/breach-review/meanings lists the meanings.</summary>
    public static IEndpointRouteBuilder MapBreachReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/batches").WithTags("Reports").RequireAuthorization(Policies.Read);
        group.MapPost("/{number}/breach-review", SignAsync)
            .WithDescription("QA's signed review of unexplained breach runs of the batch (password re-entered, a meaning from the list, a reason). " +
                             "Only a person with the QA role may sign: another role gets 403 from the signing itself, counted and logged like every refusal.");
        group.MapGet("/breach-review/meanings", () => TypedResults.Ok(BreachReview.Meanings));
        return app;
    }

    private static async Task<Results<Ok<BreachReview>, ProblemHttpResult>> SignAsync(string number, BreachReviewRequest request, ClaimsPrincipal user,
        BreachReviewSigning signing, CancellationToken ct)
    {
        BreachReviewOutcome outcome;
        try
        {
            outcome = await signing.SignAsync(number, request, user, ct);
        }
        catch (Exception ex) when (ex is InfluxQueryException or HttpRequestException or TimeoutException)
        {
            return TypedResults.Problem($"The batch's breach runs could not be read from InfluxDB: {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return outcome.Failure switch
        {
            BreachReviewFailure.None => TypedResults.Ok(outcome.Review!),
            BreachReviewFailure.Invalid => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status400BadRequest),
            BreachReviewFailure.Forbidden => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status403Forbidden),
            BreachReviewFailure.NotFound => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status404NotFound),
            BreachReviewFailure.Signature => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status401Unauthorized),
            _ => TypedResults.Problem(outcome.Error, statusCode: StatusCodes.Status409Conflict),
        };
    }
}
