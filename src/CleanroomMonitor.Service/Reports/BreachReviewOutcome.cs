using CleanroomMonitor.Core.Batches;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The recorded review, or why there is none.</summary>
public sealed record BreachReviewOutcome(BreachReview? Review, BreachReviewFailure Failure, string? Error)
{
    public static BreachReviewOutcome Refused(BreachReviewFailure failure, string error) => new(null, failure, error);
}
