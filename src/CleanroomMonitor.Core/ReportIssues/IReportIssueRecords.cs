using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.ReportIssues;

/// <summary>Where a batch report's review, approval, issued PDFs and new-version requests are kept (docs/reports.md
/// "Review, approval and issue"): each written once with its audit entry in one transaction, never changed or deleted.</summary>
public interface IReportIssueRecords
{
    /// <summary>Every review and approval of every version of the batch's report, in the order they were given.</summary>
    Task<IReadOnlyList<ReportIssueSignature>> ReportSignaturesAsync(string batch, CancellationToken cancellationToken);

    /// <summary>Every new-version request of the batch's report, oldest first.</summary>
    Task<IReadOnlyList<ReportReissue>> ReportReissuesAsync(string batch, CancellationToken cancellationToken);

    /// <summary>The batch's issued versions (without their bytes), oldest first.</summary>
    Task<IReadOnlyList<IssuedReport>> IssuedReportsAsync(string batch, CancellationToken cancellationToken);

    /// <summary>The frozen PDF of an issued version exactly as stored, or null.</summary>
    Task<byte[]?> IssuedPdfAsync(string batch, int version, CancellationToken cancellationToken);

    /// <summary>Stores a review with its audit entry.</summary>
    /// <returns>False, writing nothing, when that version already has a signature of that meaning.</returns>
    Task<bool> SaveReportReviewAsync(ReportIssueSignature review, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Stores the approval, the issued PDF and the audit entry in one transaction: a version is approved exactly
    /// when its PDF is frozen.</summary>
    /// <returns>False, writing nothing, when that version is approved already.</returns>
    Task<bool> SaveReportApprovalAsync(ReportIssueSignature approval, IssuedReport issue, byte[] pdf, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Stores a new-version request with its audit entry.</summary>
    /// <returns>False, writing nothing, when that version was requested already (someone else a moment ago).</returns>
    Task<bool> SaveReportReissueAsync(ReportReissue reissue, AuditEntry audit, CancellationToken cancellationToken);
}
