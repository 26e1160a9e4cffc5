namespace CleanroomMonitor.Service.Reports;

/// <summary>QA's signed review of breach runs of a batch: the password again (with the user id on the first signature
/// of a signing session, docs/security.md), a meaning from
/// <see cref="Core.Batches.BreachReview.Meanings"/> (the first when omitted), the reason, and the runs it covers, each
/// exactly as the report lists it.</summary>
public sealed record BreachReviewRequest(string? Password, string? Meaning, string? Reason, IReadOnlyList<BreachRunReference>? Runs, string? UserName = null);
