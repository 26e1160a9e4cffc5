using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.ReportIssues;

/// <summary>The signing rules of a batch EM report's issue (docs/reports.md "Review, approval and issue"), pure so that the
/// API, the page and the tests judge alike. A report is reviewed only once its batch has ended (before that its period is
/// not closed); review then approval, each once per version (Part 11 §11.10(f) sequencing), both by QA; the approver is not
/// the reviewer (separation of duties: nobody approves their own review). Approval issues the version: its PDF is frozen.
/// A new version replaces an issued one only, needs a reason, and starts a new review and approval.</summary>
public static class ReportIssueRules
{
    public const string Reviewed = "reviewed";

    public const string Approved = "approved";

    /// <summary>The meaning of the signature on a new-version request.</summary>
    public const string NewVersion = "new version requested";

    public const int MaxReasonLength = 2000;

    public const int MaxCommentLength = 2000;

    /// <summary>The role the review and the approval are given in.</summary>
    public const string SigningRole = nameof(Role.QA);

    /// <summary>Whether <paramref name="userName"/> may now sign the review of the current version; null when yes.
    /// Checked before the password, so a refused signer is told why without a failed attempt being counted.</summary>
    public static ReportIssueRefusal? CheckReview(ReportIssueState state, Batch batch, string userName, IReadOnlyCollection<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(roles);
        if (!roles.Contains(Role.QA))
        {
            return new(ReportIssueFailure.Forbidden, $"only QA may review a batch report ({userName} does not hold the QA role)");
        }
        if (batch.IsActive)
        {
            return new(ReportIssueFailure.Sequence, $"batch {batch.Number} is still running: its report can be reviewed once the batch has ended");
        }
        return state.Stage switch
        {
            ReportIssueStage.Reviewed => new(ReportIssueFailure.Sequence,
                $"version {state.Version} of the report of batch {batch.Number} is already reviewed by {Who(state.Review!)}"),
            ReportIssueStage.Issued => Issued(state, batch),
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="userName"/> may now approve, and so issue, the current version; null when yes.</summary>
    public static ReportIssueRefusal? CheckApproval(ReportIssueState state, Batch batch, string userName, IReadOnlyCollection<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(roles);
        if (!roles.Contains(Role.QA))
        {
            return new(ReportIssueFailure.Forbidden, $"only QA may approve a batch report ({userName} does not hold the QA role)");
        }
        if (batch.IsActive)
        {
            return new(ReportIssueFailure.Sequence, $"batch {batch.Number} is still running: its report can be approved once the batch has ended and been reviewed");
        }
        if (state.Stage == ReportIssueStage.Issued)
        {
            return Issued(state, batch);
        }
        if (state.Review is not { } review)
        {
            return new(ReportIssueFailure.Sequence, $"version {state.Version} of the report of batch {batch.Number} cannot be approved before it is reviewed");
        }
        return string.Equals(review.Signature.UserName, userName, StringComparison.Ordinal)
            ? new(ReportIssueFailure.Forbidden,
                $"{userName} reviewed version {state.Version} of the report of batch {batch.Number} and cannot also approve it (separation of duties)")
            : null;
    }

    /// <summary>Whether a new version may be requested with <paramref name="reason"/>; null when yes.</summary>
    public static ReportIssueRefusal? CheckReissue(ReportIssueState state, Batch batch, string? reason, IReadOnlyCollection<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(roles);
        if (!roles.Contains(Role.QA))
        {
            return new(ReportIssueFailure.Forbidden, "only QA may request a new version of a batch report");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            return new(ReportIssueFailure.Invalid, $"a new version needs a reason (1-{MaxReasonLength} characters): why the issued version no longer stands");
        }
        return state.Stage == ReportIssueStage.Issued
            ? null
            : new(ReportIssueFailure.Sequence,
                $"version {state.Version} of the report of batch {batch.Number} is not issued yet: review and approve it; a new version replaces only an issued one");
    }

    /// <summary>A comment longer than <see cref="MaxCommentLength"/> is refused, not cut: a signed record is what was typed.</summary>
    public static ReportIssueRefusal? CheckComment(string? comment) =>
        comment is { Length: > MaxCommentLength } ? new(ReportIssueFailure.Invalid, $"the comment may have at most {MaxCommentLength} characters") : null;

    private static ReportIssueRefusal Issued(ReportIssueState state, Batch batch) =>
        new(ReportIssueFailure.Sequence,
            $"version {state.Version} of the report of batch {batch.Number} is issued (approved by {Who(state.Approval!)}); a change needs a new version with a reason");

    private static string Who(ReportIssueSignature s) => $"{s.Signature.PrintedName} ({s.Signature.UserName}) at {s.Signature.At:o}";
}
