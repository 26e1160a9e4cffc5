using System.Diagnostics.Metrics;
using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.Reports;

/// <summary>QA signs a review of breach runs of a batch that no excursion explains (docs/reports.md "Breach review";
/// 21 CFR 11.50, 11.200: password re-entered, a meaning from a fixed list). The runs are checked against the report's
/// runs now: each must be an unexplained run of the batch, not yet reviewed. The review covers exactly those runs.</summary>
public sealed class BreachReviewSigning(TenantScopes scopes, IRecordStore records, UserAccounts accounts, BatchReportBuilder builder, TimeProvider time,
    IMeterFactory meters, ILogger<BreachReviewSigning> logger)
{
    private readonly Counter<long> _refused = meters.Create("CleanroomMonitor.Reports")
        .CreateCounter<long>("cleanroom.breach_reviews.refused", "{request}", "Breach review requests refused, by reason");

    /// <exception cref="Storage.Influx.InfluxQueryException">InfluxDB could not answer (the runs cannot be checked).</exception>
    public async Task<BreachReviewOutcome> SignAsync(string number, BreachReviewRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        var outcome = await TrySignAsync(number, request, user, cancellationToken);
        if (outcome.Review is { } review)
        {
            logger.BreachReviewSigned(number, review.Signature.UserName, review.Signature.Meaning, review.Runs.Count);
        }
        else
        {
            _refused.Add(1, new KeyValuePair<string, object?>("reason", outcome.Failure.ToString()));
            logger.BreachReviewRefused(number, user.Identity?.Name ?? "unknown", outcome.Failure, outcome.Error ?? "");
        }
        return outcome;
    }

    private async Task<BreachReviewOutcome> TrySignAsync(string number, BreachReviewRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(nameof(Role.QA)))
        {
            return BreachReviewOutcome.Refused(BreachReviewFailure.Forbidden, "only QA may review breaches");
        }
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 2000)
        {
            return BreachReviewOutcome.Refused(BreachReviewFailure.Invalid, "a reason (1-2000 characters) is required");
        }
        var meaning = string.IsNullOrWhiteSpace(request.Meaning) ? BreachReview.Meanings[0] : request.Meaning;
        if (!BreachReview.Meanings.Contains(meaning, StringComparer.Ordinal))
        {
            return BreachReviewOutcome.Refused(BreachReviewFailure.Invalid,
                $"meaning '{meaning}' is not allowed for a breach review: one of {string.Join("; ", BreachReview.Meanings)}");
        }
        if (request.Runs is not { Count: > 0 } requested)
        {
            return BreachReviewOutcome.Refused(BreachReviewFailure.Invalid, "name at least one breach run, as the batch report lists it");
        }
        var scope = await scopes.ForAsync(user, cancellationToken);
        if ((await records.BatchesAsync(cancellationToken)).FirstOrDefault(b => b.Number == number && scope.CanSee(b)) is not { } batch)
        {
            return BreachReviewOutcome.Refused(BreachReviewFailure.NotFound, $"batch {number} not found");
        }
        var report = await builder.BuildAsync(batch, user.Identity?.Name ?? "unknown", cancellationToken);
        var runs = new List<BreachRun>();
        foreach (var reference in requested.Distinct())
        {
            var found = report.BreachRuns.FirstOrDefault(r => r.Sensor == reference.Sensor && r.Parameter == reference.Parameter && r.Level == reference.Level
                && r.First == reference.First && r.Last == reference.Last && r.Count == reference.Count);
            if (found is null || found.ExplainedBy is not null)
            {
                return BreachReviewOutcome.Refused(BreachReviewFailure.Invalid,
                    $"{reference.Level} run of {reference.Sensor}/{reference.Parameter} from {reference.First:o} to {reference.Last:o} ({reference.Count} samples) " +
                    $"is not an unexplained breach run of batch {number}{(found is null ? "" : $": excursion {found.ExplainedBy} covers it")}");
            }
            if (found.Review is { } earlier)
            {
                return BreachReviewOutcome.Refused(BreachReviewFailure.AlreadyReviewed,
                    $"{found.Level} run of {found.Sensor}/{found.Parameter} from {found.First:o} is already covered by breach review {earlier.Id}");
            }
            runs.Add(found.ToRun());
        }
        var signed = await accounts.SignAsync(user, request.UserName, request.Password, meaning, nameof(Role.QA), cancellationToken);
        if (signed.Signature is not { } signature)
        {
            return BreachReviewOutcome.Refused(signed.Refusal == SignatureRefusal.UserIdRequired ? BreachReviewFailure.Invalid : BreachReviewFailure.Signature,
                signed.Error ?? "the signature failed");
        }
        var review = new BreachReview(Guid.NewGuid(), batch.Number, signature, request.Reason, runs);
        await records.SaveBreachReviewAsync(review,
            new AuditEntry(time.GetUtcNow(), signature.UserName, signature.Role, AuditAction.BreachesReviewed, AuditEntity.Batch, batch.Number,
                null, null, request.Reason),
            cancellationToken);
        return new BreachReviewOutcome(review, BreachReviewFailure.None, null);
    }
}
