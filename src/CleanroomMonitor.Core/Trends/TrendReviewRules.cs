using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Trends;

/// <summary>The signing rules of a trend report's review, pure so the API, the page and the tests judge alike: QA signs
/// (Annex 1 9.10), only once the period has ended (before that its figures are still growing), and once per set of
/// figures (Part 11 §11.10(f)): after late data changed them, the new figures can be reviewed again.</summary>
public static class TrendReviewRules
{
    public const string Reviewed = "reviewed";

    public const int MaxCommentLength = 2000;

    /// <summary>The role the review is given in.</summary>
    public const string SigningRole = nameof(Role.QA);

    /// <summary>Whether <paramref name="userName"/> may now review the report whose figures hash to <paramref name="sha256"/>;
    /// null when yes. Checked before the password, so a refused signer is told why without a failed attempt counted.</summary>
    public static ReportIssueRefusal? CheckReview(string userName, IReadOnlyCollection<Role> roles, DateTimeOffset to, DateTimeOffset now, string? comment,
        string sha256, IReadOnlyList<TrendReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(reviews);
        if (comment is { Length: > MaxCommentLength })
        {
            return new(ReportIssueFailure.Invalid, $"the comment may have at most {MaxCommentLength} characters");
        }
        if (!roles.Contains(Role.QA))
        {
            return new(ReportIssueFailure.Forbidden, $"only QA may review a trend report ({userName} does not hold the QA role)");
        }
        if (to > now)
        {
            return new(ReportIssueFailure.Sequence, $"the period runs until {to:u}: its trend report can be reviewed once it has ended");
        }
        return reviews.FirstOrDefault(r => r.FiguresSha256 == sha256) is { } done
            ? new(ReportIssueFailure.Sequence,
                $"these figures were already reviewed by {done.Signature.PrintedName} ({done.Signature.UserName}) at {done.Signature.At:u}")
            : null;
    }
}
