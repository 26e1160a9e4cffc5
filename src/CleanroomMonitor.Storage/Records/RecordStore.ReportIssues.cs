using System.Globalization;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.ReportIssues;

namespace CleanroomMonitor.Storage.Records;

/// <summary>The review, approval and issue of batch reports (docs/reports.md "Review, approval and issue"), since schema 6:
/// signatures once per version and meaning, new-version requests once per version, and the issued PDF's bytes with their
/// SHA-256 once per version; each with its audit entry under the batch's number, never changed or deleted (triggers refuse
/// both). "Once" is the tables' unique keys, so two people signing at the same moment cannot both win.</summary>
public sealed partial class RecordStore : IReportIssueRecords
{
    public async Task<IReadOnlyList<ReportIssueSignature>> ReportSignaturesAsync(string batch, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<ReportIssueSignature>("SELECT record FROM report_signatures WHERE batch = @batch ORDER BY sequence",
            command => command.With("@batch", batch), cancellationToken);

    public async Task<IReadOnlyList<ReportReissue>> ReportReissuesAsync(string batch, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<ReportReissue>("SELECT record FROM report_reissues WHERE batch = @batch ORDER BY version",
            command => command.With("@batch", batch), cancellationToken);

    public async Task<IReadOnlyList<IssuedReport>> IssuedReportsAsync(string batch, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<IssuedReport>("SELECT record FROM report_issues WHERE batch = @batch ORDER BY version",
            command => command.With("@batch", batch), cancellationToken);

    public async Task<byte[]?> IssuedPdfAsync(string batch, int version, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT pdf FROM report_issues WHERE batch = @batch AND version = @version")
            .With("@batch", batch).With("@version", version);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public Task<bool> SaveReportReviewAsync(ReportIssueSignature review, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(audit);
        var json = RecordJson.Serialize(review);
        return InsertOnceAsync(
            "INSERT INTO report_signatures (batch, version, meaning, signed_at, record) VALUES (@batch, @version, @meaning, @signed, @record) " +
            "ON CONFLICT (batch, version, meaning) DO NOTHING",
            command => command.With("@batch", review.Batch).With("@version", review.Version).With("@meaning", review.Signature.Meaning)
                .With("@signed", RecordTime.ToText(review.Signature.At)).With("@record", json),
            ForEntity(audit, AuditEntity.Batch, review.Batch, null, json), cancellationToken);
    }

    public async Task<bool> SaveReportApprovalAsync(ReportIssueSignature approval, IssuedReport issue, byte[] pdf, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        ArgumentNullException.ThrowIfNull(issue);
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(audit);
        if (issue.Batch != approval.Batch || issue.Version != approval.Version || issue.Sha256 != IssuedReport.HashOf(pdf) || issue.Length != pdf.Length)
        {
            // A caller bug, refused before writing: the stored hash must always be the stored bytes' hash.
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The issue record ({issue.Batch} v{issue.Version}, {issue.Sha256}) does not describe the approval ({approval.Batch} v{approval.Version}) and its PDF."),
                nameof(issue));
        }
        var signatureJson = RecordJson.Serialize(approval);
        var issueJson = RecordJson.Serialize(issue);
        var inserted = false;
        await WriteAsync(async (connection, transaction) =>
        {
            await using var sign = connection.Command(
                    "INSERT INTO report_signatures (batch, version, meaning, signed_at, record) VALUES (@batch, @version, @meaning, @signed, @record) " +
                    "ON CONFLICT (batch, version, meaning) DO NOTHING", transaction)
                .With("@batch", approval.Batch).With("@version", approval.Version).With("@meaning", approval.Signature.Meaning)
                .With("@signed", RecordTime.ToText(approval.Signature.At)).With("@record", signatureJson);
            inserted = await sign.ExecuteNonQueryAsync(cancellationToken) == 1;
            if (!inserted)
            {
                return;
            }
            await using var store = connection.Command(
                    "INSERT INTO report_issues (batch, version, issued_at, sha256, pdf, record) VALUES (@batch, @version, @issued, @sha, @pdf, @record)", transaction)
                .With("@batch", issue.Batch).With("@version", issue.Version).With("@issued", RecordTime.ToText(issue.IssuedAt)).With("@sha", issue.Sha256)
                .With("@pdf", pdf).With("@record", issueJson);
            await store.ExecuteNonQueryAsync(cancellationToken);
            await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, AuditEntity.Batch, approval.Batch, null, issueJson), cancellationToken);
        }, cancellationToken);
        return inserted;
    }

    public Task<bool> SaveReportReissueAsync(ReportReissue reissue, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reissue);
        ArgumentNullException.ThrowIfNull(audit);
        var json = RecordJson.Serialize(reissue);
        return InsertOnceAsync(
            "INSERT INTO report_reissues (batch, version, signed_at, record) VALUES (@batch, @version, @signed, @record) ON CONFLICT (batch, version) DO NOTHING",
            command => command.With("@batch", reissue.Batch).With("@version", reissue.Version)
                .With("@signed", RecordTime.ToText(reissue.Signature.At)).With("@record", json),
            ForEntity(audit, AuditEntity.Batch, reissue.Batch, null, json), cancellationToken);
    }
}
