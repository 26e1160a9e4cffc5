using System.Diagnostics.Metrics;
using System.Security.Claims;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Storage.Influx;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The review, approval and issue of a batch's EM report (docs/reports.md "Review, approval and issue"), shared by
/// the JSON API and the report page so both check, sign and record alike. The rules are <see cref="ReportIssueRules"/>;
/// each signature goes through <see cref="UserAccounts.SignAsync"/> (password re-entered, lockout, 21 CFR 11.200). At
/// approval the PDF is rendered once, with the approval block, and frozen with its SHA-256; from then a print of the
/// report is that file. Every refusal is counted, logged and, when the batch exists, written to its audit trail.</summary>
public sealed class ReportIssuing(TenantScopes scopes, IRecordStore records, IReportIssueRecords issues, UserAccounts accounts, BatchReportBuilder builder,
    ChromiumPdf chromium, FacilityDefinition facility, TimeProvider time, IMeterFactory meters, ILogger<ReportIssuing> logger)
{
    private readonly Counter<long> _refused = meters.Create("CleanroomMonitor.Reports")
        .CreateCounter<long>("cleanroom.report_issues.refused", "{request}", "Batch report reviews, approvals and new-version requests refused, by request and reason");

    /// <summary>The report's issue state, or null when the batch is unknown or another tenant's.</summary>
    public async Task<ReportIssueView?> FindAsync(string number, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ReportEndpoints.FindAsync(number, user, scopes, records, cancellationToken) is { } batch
            ? ReportIssueView.Of(await StateAsync(batch.Number, cancellationToken))
            : null;

    /// <summary>The frozen PDF of <paramref name="version"/> (null: the latest issued one), exactly as stored; null when
    /// the batch is not visible or no such version is issued.</summary>
    /// <exception cref="InvalidDataException">The stored bytes no longer hash to the recorded SHA-256 (changed outside the service).</exception>
    public async Task<(IssuedReport Issue, byte[] Pdf)?> IssuedPdfAsync(string number, int? version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await ReportEndpoints.FindAsync(number, user, scopes, records, cancellationToken) is not { } batch)
        {
            return null;
        }
        var issued = await issues.IssuedReportsAsync(batch.Number, cancellationToken);
        var issue = version is { } v ? issued.FirstOrDefault(i => i.Version == v) : issued.MaxBy(i => i.Version);
        if (issue is null || await issues.IssuedPdfAsync(batch.Number, issue.Version, cancellationToken) is not { } pdf)
        {
            return null;
        }
        if (IssuedReport.HashOf(pdf) != issue.Sha256)
        {
            logger.IssuedReportCorrupt(batch.Number, issue.Version, issue.Sha256);
            throw new InvalidDataException($"The stored PDF of version {issue.Version} of the report of batch {batch.Number} does not match its recorded SHA-256; " +
                                           "it is not served: check the record store (records verify).");
        }
        return (issue, pdf);
    }

    /// <summary>This session's next signature needs the user id as well as the password.</summary>
    public bool UserIdRequired(ClaimsPrincipal user) => accounts.UserIdRequired(user);

    public Task<(ReportIssueView? View, ReportIssueRefusal? Refusal)> ReviewAsync(string number, ReportSignRequest? request, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        RunAsync("review", number, user, async batch =>
        {
            if (request is null)
            {
                return new(ReportIssueFailure.Invalid, "the body must be a JSON object");
            }
            var state = await StateAsync(batch.Number, cancellationToken);
            if ((ReportIssueRules.CheckComment(request.Comment) ?? ReportIssueRules.CheckReview(state, batch, NameOf(user), RolesOf(user))) is { } refusal)
            {
                return refusal;
            }
            var (signed, signError) = await PersonSignsAsync(user, request.UserName, request.Password, ReportIssueRules.Reviewed, cancellationToken);
            if (signed is null)
            {
                return signError;
            }
            var review = new ReportIssueSignature(batch.Number, state.Version, signed, Trimmed(request.Comment));
            if (!await issues.SaveReportReviewAsync(review, Audit(signed, AuditAction.ReportReviewed, batch, $"version {state.Version} reviewed", review.Comment),
                    cancellationToken))
            {
                return new(ReportIssueFailure.Sequence, $"version {state.Version} of the report of batch {batch.Number} was reviewed by someone else a moment ago");
            }
            logger.ReportSigned(batch.Number, state.Version, signed.Meaning, signed.UserName, signed.Role);
            return null;
        }, cancellationToken);

    public Task<(ReportIssueView? View, ReportIssueRefusal? Refusal)> ApproveAsync(string number, ReportSignRequest? request, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        RunAsync("approval", number, user, async batch =>
        {
            if (request is null)
            {
                return new(ReportIssueFailure.Invalid, "the body must be a JSON object");
            }
            var state = await StateAsync(batch.Number, cancellationToken);
            if ((ReportIssueRules.CheckComment(request.Comment) ?? ReportIssueRules.CheckApproval(state, batch, NameOf(user), RolesOf(user))) is { } refusal)
            {
                return refusal;
            }
            if (!chromium.IsAvailable)
            {
                // Before the password: the signer is told at once, and no signature is spent on an approval that cannot issue anything.
                return new(ReportIssueFailure.Unavailable,
                    $"approval renders and freezes the PDF, which needs headless Chromium at {chromium.ExecutablePath}; it is not installed on this server, so nothing was approved");
            }
            var (signed, signError) = await PersonSignsAsync(user, request.UserName, request.Password, ReportIssueRules.Approved, cancellationToken);
            if (signed is null)
            {
                return signError;
            }
            var approval = new ReportIssueSignature(batch.Number, state.Version, signed, Trimmed(request.Comment));
            byte[] pdf;
            try
            {
                pdf = await RenderAsync(batch, state.Version, [state.Review!, approval], NameOf(user), cancellationToken);
            }
            catch (Exception ex) when (ex is ReportPdfException or InfluxQueryException or HttpRequestException or TimeoutException)
            {
                return new(ReportIssueFailure.Unavailable, $"the PDF to issue could not be rendered, so nothing was approved: {ex.Message}");
            }
            var issue = IssuedReport.Of(batch.Number, state.Version, signed.At, pdf, signed.UserName);
            if (!await issues.SaveReportApprovalAsync(approval, issue, pdf,
                    Audit(signed, AuditAction.ReportIssued, batch, $"version {state.Version} approved and issued, SHA-256 {issue.Sha256}", approval.Comment),
                    cancellationToken))
            {
                return new(ReportIssueFailure.Sequence, $"version {state.Version} of the report of batch {batch.Number} was approved by someone else a moment ago");
            }
            logger.ReportSigned(batch.Number, state.Version, signed.Meaning, signed.UserName, signed.Role);
            logger.ReportIssued(batch.Number, state.Version, issue.Length, issue.Sha256);
            return null;
        }, cancellationToken);

    public Task<(ReportIssueView? View, ReportIssueRefusal? Refusal)> ReissueAsync(string number, ReportReissueRequest? request, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        RunAsync("new version", number, user, async batch =>
        {
            if (request is null)
            {
                return new(ReportIssueFailure.Invalid, "the body must be a JSON object");
            }
            var state = await StateAsync(batch.Number, cancellationToken);
            if (ReportIssueRules.CheckReissue(state, batch, request.Reason, RolesOf(user)) is { } refusal)
            {
                return refusal;
            }
            var (signed, signError) = await PersonSignsAsync(user, request.UserName, request.Password, ReportIssueRules.NewVersion, cancellationToken);
            if (signed is null)
            {
                return signError;
            }
            var reissue = new ReportReissue(batch.Number, state.Version + 1, request.Reason!.Trim(), signed);
            if (!await issues.SaveReportReissueAsync(reissue, Audit(signed, AuditAction.ReportReissueRequested, batch,
                    $"version {reissue.Version} opened; version {state.Version} stays issued", reissue.Reason), cancellationToken))
            {
                return new(ReportIssueFailure.Sequence, $"version {reissue.Version} of the report of batch {batch.Number} was requested by someone else a moment ago");
            }
            logger.ReportSigned(batch.Number, reissue.Version, signed.Meaning, signed.UserName, signed.Role);
            return null;
        }, cancellationToken);

    private async Task<(ReportIssueView?, ReportIssueRefusal?)> RunAsync(string request, string number, ClaimsPrincipal user,
        Func<Batch, Task<ReportIssueRefusal?>> act, CancellationToken cancellationToken)
    {
        var batch = await ReportEndpoints.FindAsync(number, user, scopes, records, cancellationToken);
        var refusal = batch is null ? new ReportIssueRefusal(ReportIssueFailure.NotFound, $"batch {number} not found") : await act(batch);
        if (refusal is null)
        {
            return (ReportIssueView.Of(await StateAsync(batch!.Number, cancellationToken)), null);
        }
        _refused.Add(1, new KeyValuePair<string, object?>("request", request), new KeyValuePair<string, object?>("reason", refusal.Failure.ToString()));
        logger.ReportIssueRefused(request, number, NameOf(user), refusal.Failure, refusal.Message);
        // A wrong password is audited by the signing itself (signature.failed, user.locked); an unknown batch has no trail to file under.
        if (batch is not null && refusal.Failure is not (ReportIssueFailure.NotFound or ReportIssueFailure.Signature))
        {
            var roles = RolesOf(user);
            await records.AppendAuditAsync(new AuditEntry(time.GetUtcNow(), NameOf(user), roles.Length == 0 ? "none" : string.Join(",", roles),
                AuditAction.ReportSignatureRefused, AuditEntity.Batch, batch.Number, null, request, refusal.Message), cancellationToken);
        }
        return (null, refusal);
    }

    private async Task<ReportIssueState> StateAsync(string batch, CancellationToken cancellationToken) =>
        ReportIssueState.Of(batch, await issues.ReportReissuesAsync(batch, cancellationToken), await issues.ReportSignaturesAsync(batch, cancellationToken),
            await issues.IssuedReportsAsync(batch, cancellationToken));

    /// <summary>The report as it stands now, with the approval block of this version, printed once.</summary>
    private async Task<byte[]> RenderAsync(Batch batch, int version, IReadOnlyList<ReportIssueSignature> signatures, string by, CancellationToken cancellationToken)
    {
        var zone = facility.Site.TimeZone;
        var report = await builder.BuildAsync(batch, by, cancellationToken) with
        {
            IssueVersion = version,
            Approvals = signatures.Select(s => new ReportSignature(s.Signature.PrintedName, s.Signature.UserName, s.Signature.Role, s.Signature.Meaning,
                s.Signature.At, TimeZoneInfo.ConvertTime(s.Signature.At, zone), s.Signature.Method)).ToList(),
        };
        return await chromium.PrintAsync(BatchReportHtml.Document(report, zone), cancellationToken);
    }

    /// <summary>A person signs (a token cannot: 401, as everywhere); a missing user id on the session's first signature is a bad request.</summary>
    private async Task<(Signature?, ReportIssueRefusal?)> PersonSignsAsync(ClaimsPrincipal user, string? userName, string? password, string meaning,
        CancellationToken cancellationToken)
    {
        var outcome = await accounts.SignAsync(user, userName, password, meaning, ReportIssueRules.SigningRole, cancellationToken);
        return outcome.Refusal switch
        {
            SignatureRefusal.None => (outcome.Signature, null),
            SignatureRefusal.UserIdRequired => (null, new(ReportIssueFailure.Invalid, outcome.Error!)),
            _ => (null, new(ReportIssueFailure.Signature, outcome.Error ?? "the signature failed")),
        };
    }

    private AuditEntry Audit(Signature signed, string action, Batch batch, string what, string? reason) =>
        new(time.GetUtcNow(), signed.UserName, signed.Role, action, AuditEntity.Batch, batch.Number, null, what, reason);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static Role[] RolesOf(ClaimsPrincipal user) => Enum.GetValues<Role>().Where(r => user.IsInRole(r.ToString())).ToArray();
}
