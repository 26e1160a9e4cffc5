using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.AlertLevels;

/// <summary>A proposal, or why there is none with the HTTP status the API answers (400 bad input, 403 not for this
/// account, 404 unknown room, sensor or parameter, 422 no samples to propose from, 503 InfluxDB did not answer).</summary>
public sealed record AlertProposalOutcome(AlertProposalView? Value, int StatusCode, string? Error)
{
    public static AlertProposalOutcome Done(AlertProposalView value) => new(value, StatusCodes.Status200OK, null);

    public static AlertProposalOutcome Fail(int statusCode, string error) => new(null, statusCode, error);

    public ProblemHttpResult ToProblem() => TypedResults.Problem(Error, statusCode: StatusCode);
}
