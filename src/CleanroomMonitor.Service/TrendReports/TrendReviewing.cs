using System.Diagnostics.Metrics;
using System.Security.Claims;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Core.Trends;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>QA's signed review of a room's trend report over a period, shared by the API and the page so both check, sign
/// and record alike. The rules are <see cref="TrendReviewRules"/>; the signature goes through
/// <see cref="UserAccounts.SignAsync"/> (password re-entered, lockout, 21 CFR 11.200), as for the batch report's review.
/// The review stores the SHA-256 of the figures the reviewer saw, computed afresh at signing. Every refusal is counted,
/// logged and (for a known room, except a failed password, which the signing audits itself) audited under the room.</summary>
public sealed class TrendReviewing(TrendReportAccess access, ITrendReviewRecords reviews, IRecordStore records, UserAccounts accounts, TimeProvider time,
    IMeterFactory meters, ILogger<TrendReviewing> logger)
{
    private readonly Counter<long> _refused = meters.Create("CleanroomMonitor.Reports")
        .CreateCounter<long>("cleanroom.trend_reviews.refused", "{request}", "Trend report reviews refused, by reason");

    /// <summary>This session's next signature needs the user id as well as the password.</summary>
    public bool UserIdRequired(ClaimsPrincipal user) => accounts.UserIdRequired(user);

    public async Task<(TrendReviewView? Review, ReportIssueRefusal? Refusal)> ReviewAsync(string room, string? month, string? from, string? to,
        TrendReviewRequest? request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (report, target) = await access.BuildAsync(room, month, from, to, user, cancellationToken);
        var period = target.Period?.Label ?? "?";
        ReportIssueRefusal? refusal;
        if (report is null)
        {
            refusal = new(target.Status switch
            {
                StatusCodes.Status400BadRequest => ReportIssueFailure.Invalid,
                StatusCodes.Status404NotFound => ReportIssueFailure.NotFound,
                _ => ReportIssueFailure.Unavailable,
            }, target.Error!);
        }
        else if (request is null)
        {
            refusal = new(ReportIssueFailure.Invalid, "the body must be a JSON object");
        }
        else
        {
            var stored = await reviews.TrendReviewsAsync(target.Room!.Id, report.From, report.To, cancellationToken);
            refusal = TrendReviewRules.CheckReview(NameOf(user), RolesOf(user), report.To, time.GetUtcNow(), request.Comment, report.FiguresSha256, stored);
            if (refusal is null)
            {
                var outcome = await accounts.SignAsync(user, request.UserName, request.Password, TrendReviewRules.Reviewed, TrendReviewRules.SigningRole, cancellationToken);
                refusal = outcome.Refusal switch
                {
                    SignatureRefusal.None => null,
                    SignatureRefusal.UserIdRequired => new(ReportIssueFailure.Invalid, outcome.Error!),
                    _ => new(ReportIssueFailure.Signature, outcome.Error ?? "the signature failed"),
                };
                if (outcome.Signature is { } signed && refusal is null)
                {
                    var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
                    var review = new TrendReview(Guid.NewGuid(), target.Room.Id, report.From, report.To, report.FiguresSha256, signed, comment);
                    var audit = new AuditEntry(time.GetUtcNow(), signed.UserName, signed.Role, AuditAction.TrendReportReviewed, AuditEntity.Room, report.Room, null,
                        $"trend report {report.Period} reviewed, figures SHA-256 {report.FiguresSha256}", comment);
                    if (await reviews.SaveTrendReviewAsync(review, audit, cancellationToken))
                    {
                        logger.TrendReportReviewed(report.Room, report.Period, signed.UserName, signed.Role, report.FiguresSha256);
                        return (new TrendReviewView(signed.PrintedName, signed.UserName, signed.Role, signed.Meaning, signed.At, signed.Method, comment,
                            report.FiguresSha256, false), null);
                    }
                    refusal = new(ReportIssueFailure.Sequence, "these figures were reviewed by someone else a moment ago");
                }
            }
        }
        _refused.Add(1, new KeyValuePair<string, object?>("reason", refusal!.Failure.ToString()));
        logger.TrendReviewRefused(room, period, NameOf(user), refusal.Failure.ToString(), refusal.Message);
        if (target.Room is { } known && refusal.Failure is not (ReportIssueFailure.NotFound or ReportIssueFailure.Signature))
        {
            var roles = RolesOf(user);
            await records.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), NameOf(user), roles.Length == 0 ? "none" : string.Join(",", roles),
                AuditAction.TrendReviewRefused, AuditEntity.Room, known.Id.Value, null, $"trend report {period}", refusal.Message), cancellationToken);
        }
        return (null, refusal);
    }

    private static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static Role[] RolesOf(ClaimsPrincipal user) => Enum.GetValues<Role>().Where(r => user.IsInRole(r.ToString())).ToArray();
}
