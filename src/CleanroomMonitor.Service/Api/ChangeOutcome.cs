using CleanroomMonitor.Core.Batches;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CleanroomMonitor.Service.Api;

/// <summary>The result of a change shared by the JSON API and the pages: the changed record, or the failure and a
/// message fit to show the user.</summary>
public sealed record ChangeOutcome<T>(T? Value, ChangeFailure Failure, string? Error)
    where T : class
{
    public bool Succeeded => Failure == ChangeFailure.None;

    /// <summary>The HTTP status of a failure (what the JSON API answers and the page's response carries).</summary>
    public int StatusCode => Failure switch
    {
        ChangeFailure.None => StatusCodes.Status200OK,
        ChangeFailure.Forbidden => StatusCodes.Status403Forbidden,
        ChangeFailure.NotFound => StatusCodes.Status404NotFound,
        ChangeFailure.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    public ProblemHttpResult ToProblem() => TypedResults.Problem(Error, statusCode: StatusCode);
}

/// <summary>Builds <see cref="ChangeOutcome{T}"/>s.</summary>
public static class ChangeOutcome
{
    public static ChangeOutcome<T> Done<T>(T value) where T : class => new(value, ChangeFailure.None, null);

    public static ChangeOutcome<T> Fail<T>(ChangeFailure failure, string error) where T : class => new(null, failure, error);

    /// <summary>The engine's answer to a batch start or end.</summary>
    public static ChangeOutcome<Batch> From(Batch? batch, BatchProblem? problem) =>
        batch is not null ? Done(batch) : Fail<Batch>(problem!.Kind switch
        {
            BatchProblemKind.NotFound => ChangeFailure.NotFound,
            BatchProblemKind.Conflict => ChangeFailure.Conflict,
            _ => ChangeFailure.Invalid,
        }, problem.Message);
}
