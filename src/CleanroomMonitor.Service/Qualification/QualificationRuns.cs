using System.Diagnostics.Metrics;
using System.Security.Claims;
using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;

namespace CleanroomMonitor.Service.Qualification;

/// <summary>OQ runs as controlled records (docs/security.md "OQ runs"), shared by the JSON API and the pages so both check,
/// sign and record alike: the upload (validated, stored verbatim with its audit entry), the three signatures and the
/// deviations' dispositions, each through <see cref="UserAccounts.SignAsync"/> (21 CFR 11.50, 11.200; Annex 11 §14).
/// Every refusal is counted by reason and logged.</summary>
public sealed class QualificationRuns(IQualificationRecords records, UserAccounts accounts, TimeProvider time, IMeterFactory meters,
    ILogger<QualificationRuns> logger)
{
    private readonly Counter<long> _refused = meters.Create("CleanroomMonitor.Qualification")
        .CreateCounter<long>("cleanroom.qualification.refused", "{request}", "OQ uploads, signatures and dispositions refused, by request and reason");

    /// <summary>The facility's OQ is not a tenant's record: accounts and tokens of a tenant neither see nor sign it.</summary>
    public static bool MaySee(ClaimsPrincipal user) => user?.Identity?.IsAuthenticated == true && !user.HasClaim(c => c.Type == ClaimNames.Tenant);

    /// <summary>Every run, newest first, each with its signatures and dispositions.</summary>
    public async Task<IReadOnlyList<QualificationRunView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MaySee(user))
        {
            return [];
        }
        var views = new List<QualificationRunView>();
        foreach (var run in await records.RunsAsync(cancellationToken))
        {
            views.Add(QualificationRunView.Of(run, await records.SignaturesAsync(run.RunId, cancellationToken), await records.DispositionsAsync(run.RunId, cancellationToken)));
        }
        return views;
    }

    public async Task<QualificationRunView?> FindAsync(string runId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        MaySee(user) && await records.FindRunAsync(runId, cancellationToken) is { } run
            ? QualificationRunView.Of(run, await records.SignaturesAsync(runId, cancellationToken), await records.DispositionsAsync(runId, cancellationToken))
            : null;

    public async Task<QualificationReport?> ReportAsync(string runId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        MaySee(user) ? await records.ReportAsync(runId, cancellationToken) : null;

    public async Task<(QualificationRun? Run, QualificationRefusal? Refusal)> UploadAsync(QualificationUploadRequest? request, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name ?? "unknown";
        var run = QualificationUploadValidation.Validate(request, time.GetUtcNow(), name, out var error);
        QualificationRefusal? refusal = run is null ? new(QualificationFailure.Invalid, error!) : null;
        if (run is not null && await records.FindRunAsync(run.RunId, cancellationToken) is not null)
        {
            refusal = Duplicate(run.RunId);
        }
        else if (run?.RetestOf is { } retestOf && await records.FindRunAsync(retestOf, cancellationToken) is null)
        {
            refusal = new(QualificationFailure.Invalid, $"retestOf names run {retestOf}, which is not stored: upload the run it re-tests first");
        }
        if (refusal is null && run is not null)
        {
            // Upload is not a signature: the entry names the authenticated principal ("token:<name>" for a token), as the rest of the API does.
            var role = QualificationRules.RoleFor(QualificationRules.Executed, RolesOf(user)) ?? "unknown";
            var audit = new AuditEntry(run.UploadedAt, name, role, AuditAction.QualificationUploaded, AuditEntity.QualificationRun, run.RunId, null, null,
                $"OQ run uploaded; report SHA-256 {run.ReportSha256}");
            if (await records.SaveRunAsync(run, new QualificationReport(request!.ReportHtml!, request.ReportCsv!), audit, cancellationToken))
            {
                logger.QualificationRunStored(run.RunId, run.Protocol, run.ProtocolVersion, name, run.Passed, run.Deviations.Count, run.ReportSha256);
                return (run, null);
            }
            refusal = Duplicate(run.RunId);
        }
        // The run id of a refused upload is unchecked input: cut to the longest valid one before it goes into the log.
        var loggedId = request?.RunId is { } id ? id.Length > QualificationUploadValidation.MaxRunIdLength ? id[..QualificationUploadValidation.MaxRunIdLength] + "…" : id : "";
        return (null, Refused("upload", loggedId, name, refusal!));
    }

    public async Task<(QualificationSignature? Signature, QualificationRefusal? Refusal)> SignAsync(string runId, QualificationSignRequest? request,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name ?? "unknown";
        var (signature, refusal) = await TrySignAsync(runId, request, user, name, cancellationToken);
        if (signature is null)
        {
            return (null, Refused("signature", runId, name, refusal!));
        }
        logger.QualificationSigned(runId, signature.Signature.Meaning, signature.Signature.UserName, signature.Signature.Role);
        return (signature, null);
    }

    private async Task<(QualificationSignature?, QualificationRefusal?)> TrySignAsync(string runId, QualificationSignRequest? request, ClaimsPrincipal user,
        string name, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return (null, new(QualificationFailure.Invalid, "the body must be a JSON object"));
        }
        if (!MaySee(user) || await records.FindRunAsync(runId, cancellationToken) is not { } run)
        {
            return (null, new(QualificationFailure.NotFound, $"OQ run {runId} not found"));
        }
        if (request.Comment is { Length: > QualificationRules.MaxCommentLength })
        {
            return (null, new(QualificationFailure.Invalid, $"the comment may have at most {QualificationRules.MaxCommentLength} characters"));
        }
        var roles = RolesOf(user);
        var signatures = await records.SignaturesAsync(runId, cancellationToken);
        var dispositions = await records.DispositionsAsync(runId, cancellationToken);
        if (QualificationRules.CheckSignature(run, signatures, dispositions, request.Meaning, name, roles) is { } refusal)
        {
            return (null, refusal);
        }
        var meaning = request.Meaning!;
        var (signed, signError) = await PersonSignsAsync(user, request.UserName, request.Password, meaning, QualificationRules.RoleFor(meaning, roles)!, cancellationToken);
        if (signed is null)
        {
            return (null, signError);
        }
        var comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        var record = new QualificationSignature(runId, signed, comment);
        var audit = new AuditEntry(signed.At, signed.UserName, signed.Role, AuditAction.QualificationSigned, AuditEntity.QualificationRun, runId, null, null,
            comment is null ? $"signed '{meaning}'" : $"signed '{meaning}': {comment}");
        return await records.SaveSignatureAsync(record, audit, cancellationToken)
            ? (record, null)
            : (null, new(QualificationFailure.Sequence, $"run {runId} was signed '{meaning}' by someone else a moment ago"));
    }

    public async Task<(DeviationDisposition? Disposition, QualificationRefusal? Refusal)> DispositionAsync(string runId, string number, DispositionRequest? request,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name ?? "unknown";
        var (disposition, refusal) = await TryDispositionAsync(runId, number, request, user, cancellationToken);
        if (disposition is null)
        {
            return (null, Refused("disposition", $"{runId} {number}", name, refusal!));
        }
        logger.DeviationDispositioned(runId, number, disposition.Signature.UserName, disposition.RetestRun is { } retest ? $", re-test run {retest}" : ", no re-test");
        return (disposition, null);
    }

    private async Task<(DeviationDisposition?, QualificationRefusal?)> TryDispositionAsync(string runId, string number, DispositionRequest? request,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return (null, new(QualificationFailure.Invalid, "the body must be a JSON object"));
        }
        if (!MaySee(user) || await records.FindRunAsync(runId, cancellationToken) is not { } run)
        {
            return (null, new(QualificationFailure.NotFound, $"OQ run {runId} not found"));
        }
        var retestId = string.IsNullOrWhiteSpace(request.RetestRun) ? null : request.RetestRun.Trim();
        var retest = retestId is null ? null : await records.FindRunAsync(retestId, cancellationToken);
        var signatures = await records.SignaturesAsync(runId, cancellationToken);
        var dispositions = await records.DispositionsAsync(runId, cancellationToken);
        if (QualificationRules.CheckDisposition(run, signatures, dispositions, number, request.Disposition, retestId, retest, RolesOf(user)) is { } refusal)
        {
            return (null, refusal);
        }
        var (signed, signError) = await PersonSignsAsync(user, request.UserName, request.Password, QualificationRules.Dispositioned, nameof(Role.QA), cancellationToken);
        if (signed is null)
        {
            return (null, signError);
        }
        var disposition = new DeviationDisposition(runId, number, request.Disposition!.Trim(), retestId, signed);
        var audit = new AuditEntry(signed.At, signed.UserName, signed.Role, AuditAction.DeviationDispositioned, AuditEntity.QualificationRun, runId, null, null,
            $"deviation {number}: {disposition.Text}");
        return await records.SaveDispositionAsync(disposition, audit, cancellationToken)
            ? (disposition, null)
            : (null, new(QualificationFailure.Sequence, $"deviation {number} of run {runId} was dispositioned by someone else a moment ago"));
    }

    /// <summary>The caller's next signature needs the user id as well as the password (<see cref="UserAccounts.UserIdRequired"/>).</summary>
    public bool UserIdRequired(ClaimsPrincipal user) => accounts.UserIdRequired(user);

    /// <summary>A person signs (a token cannot: 401, as everywhere); a missing user id on the session's first signature is a bad request.</summary>
    private async Task<(Signature?, QualificationRefusal?)> PersonSignsAsync(ClaimsPrincipal user, string? userName, string? password, string meaning, string role,
        CancellationToken cancellationToken)
    {
        var outcome = await accounts.SignAsync(user, userName, password, meaning, role, cancellationToken);
        return outcome.Refusal switch
        {
            SignatureRefusal.None => (outcome.Signature, null),
            SignatureRefusal.UserIdRequired => (null, new(QualificationFailure.Invalid, outcome.Error!)),
            _ => (null, new(QualificationFailure.Signature, outcome.Error ?? "the signature failed")),
        };
    }

    private QualificationRefusal Refused(string request, string runId, string user, QualificationRefusal refusal)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("request", request), new KeyValuePair<string, object?>("reason", refusal.Failure.ToString()));
        logger.QualificationRefused(request, runId, user, refusal.Failure, refusal.Message);
        return refusal;
    }

    private static QualificationRefusal Duplicate(string runId) =>
        new(QualificationFailure.Duplicate, $"OQ run {runId} is stored already; a stored run is never replaced (upload a re-test under a new run id with retestOf)");

    private static Role[] RolesOf(ClaimsPrincipal user) => Enum.GetValues<Role>().Where(r => user.IsInRole(r.ToString())).ToArray();
}
