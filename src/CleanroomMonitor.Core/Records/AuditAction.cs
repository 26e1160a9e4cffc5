using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Core.Records;

/// <summary>Every action the audit trail records, as one closed set (docs/security.md lists them): "what was done" in
/// each entry comes from here, so a reader, a filter or a report never matches a name that nothing writes.</summary>
public static class AuditAction
{
    public const string BatchStarted = "batch.started";
    public const string BatchEnded = "batch.ended";

    /// <summary>QA's signed review of breach runs no excursion explains, filed under the batch (docs/reports.md).</summary>
    public const string BreachesReviewed = "batch.breaches-reviewed";
    public const string RoomStateChanged = "room.state-changed";
    public const string WindowDeclared = "room.window-declared";
    public const string WindowEnded = "room.window-ended";
    public const string RoomLeased = "room.leased";
    public const string LeaseEnded = "room.lease-ended";
    public const string LeaseChanged = "room.lease-changed";
    public const string LimitsRecorded = "limits.recorded";
    public const string LimitsChanged = "limits.changed";
    public const string UserCreated = "user.created";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserUnlocked = "user.unlocked";
    public const string UserLocked = "user.locked";
    public const string UserLogin = "user.login";
    public const string UserLoginFailed = "user.login-failed";
    public const string UserLoginRefused = "user.login-refused";
    public const string PasswordReset = "user.password-reset";
    public const string PasswordChanged = "user.password-changed";
    public const string PasswordChangeFailed = "user.password-change-failed";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string SignatureVerified = "signature.verified";
    public const string SignatureFailed = "signature.failed";

    /// <summary>A new version of the notification plan saved, with the old and new text.</summary>
    public const string NotificationPlanChanged = "notifications.plan-changed";

    /// <summary>A test notification sent from the admin page or the API, filed under the route's id.</summary>
    public const string NotificationTested = "notifications.test-sent";

    /// <summary>An OQ run's report stored as a controlled record (docs/security.md "OQ runs"), filed under the run id.</summary>
    public const string QualificationUploaded = "qualification.uploaded";

    /// <summary>A signature of an OQ run (executed, reviewed or approved; the meaning is in the new value).</summary>
    public const string QualificationSigned = "qualification.signed";

    /// <summary>QA's signed disposition of a deviation of an OQ run.</summary>
    public const string DeviationDispositioned = "qualification.deviation-dispositioned";

    /// <summary>QA's signed review of a version of a batch's EM report, filed under the batch (docs/reports.md "Review, approval and issue").</summary>
    public const string ReportReviewed = "report.reviewed";

    /// <summary>QA's signed approval of a version of a batch's EM report, which froze its PDF (the SHA-256 is in the new value).</summary>
    public const string ReportIssued = "report.approved-issued";

    /// <summary>QA's signed request for a new version of an issued batch report, with the reason.</summary>
    public const string ReportReissueRequested = "report.new-version";

    /// <summary>A review, approval or new-version request of a batch report refused (wrong role, same person, batch running, no reason).</summary>
    public const string ReportSignatureRefused = "report.signature-refused";

    /// <summary>QA proposed a limit change (docs/gmp.md "Limit changes under change control"); the new value is the proposal.</summary>
    public const string LimitChangeProposed = "limits.change-proposed";

    /// <summary>A second QA approved a limit change with a signature; old → new are the level's spec and the limit sets before
    /// and after, with author, approver, reason and effective time.</summary>
    public const string LimitChangeApproved = "limits.change-approved";

    /// <summary>QA rejected a limit change with a signature and a reason.</summary>
    public const string LimitChangeRejected = "limits.change-rejected";

    /// <summary>The proposer withdrew a limit change with a signature and a reason.</summary>
    public const string LimitChangeWithdrawn = "limits.change-withdrawn";

    /// <summary>Evidence (a replay, a proposed alert level) added to a limit change.</summary>
    public const string LimitChangeEvidenceAdded = "limits.change-evidence";

    /// <summary>A proposal, approval, rejection or withdrawal of a limit change refused (role, tenant, own proposal, decided).</summary>
    public const string LimitChangeRefused = "limits.change-refused";

    /// <summary>QA's signed review of a room's trend report over a period, filed under the room (docs/reports.md "Trend report").</summary>
    public const string TrendReportReviewed = "trend.reviewed";

    /// <summary>A trend report review refused (wrong role, period not ended, the same figures reviewed already).</summary>
    public const string TrendReviewRefused = "trend.review-refused";

    /// <summary>A new version of an instrument's calibration register entry (make, model, serial, location, interval), filed under the sensor.</summary>
    public const string InstrumentAssetChanged = "instrument.asset-changed";

    /// <summary>A calibration entered into the register (certificate, result, performed by), filed under the sensor.</summary>
    public const string InstrumentCalibrated = "instrument.calibrated";

    /// <summary>An instrument moved to another location, filed under the sensor.</summary>
    public const string InstrumentRelocated = "instrument.relocated";

    /// <summary>The audit name of an excursion move (<see cref="ExcursionAction"/>).</summary>
    public static string OfExcursion(string action) => "excursion." + action;

    /// <summary>The audit name of an out-of-service move (<see cref="OutOfServiceAction"/>).</summary>
    public static string OfOutOfService(string action) => "sensor." + action;

    public static IReadOnlySet<string> All { get; } = new[]
    {
        BatchStarted, BatchEnded, BreachesReviewed, RoomStateChanged, WindowDeclared, WindowEnded, RoomLeased, LeaseEnded, LeaseChanged, LimitsRecorded,
        LimitsChanged, UserCreated, UserDisabled, UserEnabled, UserUnlocked, UserLocked, UserLogin, UserLoginFailed, UserLoginRefused,
        PasswordReset, PasswordChanged, PasswordChangeFailed, TokenCreated, TokenRevoked, SignatureVerified, SignatureFailed, NotificationPlanChanged,
        NotificationTested, QualificationUploaded, QualificationSigned, DeviationDispositioned,
        LimitChangeProposed, LimitChangeApproved, LimitChangeRejected, LimitChangeWithdrawn, LimitChangeEvidenceAdded, LimitChangeRefused,
        TrendReportReviewed, TrendReviewRefused,
        ReportReviewed, ReportIssued, ReportReissueRequested, ReportSignatureRefused, InstrumentAssetChanged, InstrumentCalibrated, InstrumentRelocated,
    }.Concat(ExcursionAction.All.Select(OfExcursion)).Concat(OutOfServiceAction.All.Select(OfOutOfService)).ToHashSet(StringComparer.Ordinal);
}
