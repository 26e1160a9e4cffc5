using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Core.Records;
using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>OQ runs as controlled records (docs/security.md "OQ runs"): the run's metadata and report files as uploaded, its
/// signatures and dispositions; each written once with its audit entry under the run id, never changed or deleted
/// (triggers refuse both). "Once" is the table's unique key, so two people signing at the same moment cannot both win.</summary>
public sealed partial class RecordStore : IQualificationRecords
{
    public Task<bool> SaveRunAsync(QualificationRun run, QualificationReport report, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(audit);
        var json = RecordJson.Serialize(run);
        return InsertOnceAsync(
            "INSERT INTO qualification_runs (run_id, started_at, uploaded_at, record, report_html, report_csv) " +
            "VALUES (@id, @started, @uploaded, @record, @html, @csv) ON CONFLICT (run_id) DO NOTHING",
            command => command.With("@id", run.RunId).With("@started", RecordTime.ToText(run.StartedAt)).With("@uploaded", RecordTime.ToText(run.UploadedAt))
                .With("@record", json).With("@html", report.Html).With("@csv", report.Csv),
            ForEntity(audit, AuditEntity.QualificationRun, run.RunId, null, json), cancellationToken);
    }

    public async Task<QualificationRun?> FindRunAsync(string runId, CancellationToken cancellationToken) =>
        (await ReadRecordsAsync<QualificationRun>("SELECT record FROM qualification_runs WHERE run_id = @id",
            command => command.With("@id", runId), cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<QualificationRun>> RunsAsync(CancellationToken cancellationToken) =>
        await ReadRecordsAsync<QualificationRun>("SELECT record FROM qualification_runs ORDER BY started_at DESC, uploaded_at DESC, run_id", _ => { },
            cancellationToken);

    public async Task<QualificationReport?> ReportAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken);
        await using var command = connection.Command("SELECT report_html, report_csv FROM qualification_runs WHERE run_id = @id").With("@id", runId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new QualificationReport(reader.GetString(0), reader.GetString(1)) : null;
    }

    public async Task<IReadOnlyList<QualificationSignature>> SignaturesAsync(string runId, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<QualificationSignature>("SELECT record FROM qualification_signatures WHERE run_id = @id ORDER BY sequence",
            command => command.With("@id", runId), cancellationToken);

    public Task<bool> SaveSignatureAsync(QualificationSignature signature, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(audit);
        var json = RecordJson.Serialize(signature);
        return InsertOnceAsync(
            "INSERT INTO qualification_signatures (run_id, meaning, signed_at, record) VALUES (@id, @meaning, @signed, @record) " +
            "ON CONFLICT (run_id, meaning) DO NOTHING",
            command => command.With("@id", signature.RunId).With("@meaning", signature.Signature.Meaning)
                .With("@signed", RecordTime.ToText(signature.Signature.At)).With("@record", json),
            ForEntity(audit, AuditEntity.QualificationRun, signature.RunId, null, json), cancellationToken);
    }

    public async Task<IReadOnlyList<DeviationDisposition>> DispositionsAsync(string runId, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<DeviationDisposition>("SELECT record FROM qualification_dispositions WHERE run_id = @id ORDER BY sequence",
            command => command.With("@id", runId), cancellationToken);

    public Task<bool> SaveDispositionAsync(DeviationDisposition disposition, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        ArgumentNullException.ThrowIfNull(audit);
        var json = RecordJson.Serialize(disposition);
        return InsertOnceAsync(
            "INSERT INTO qualification_dispositions (run_id, number, signed_at, record) VALUES (@id, @number, @signed, @record) " +
            "ON CONFLICT (run_id, number) DO NOTHING",
            command => command.With("@id", disposition.RunId).With("@number", disposition.Number)
                .With("@signed", RecordTime.ToText(disposition.Signature.At)).With("@record", json),
            ForEntity(audit, AuditEntity.QualificationRun, disposition.RunId, null, json), cancellationToken);
    }

    /// <summary>Inserts a row that exists at most once and, only when it was inserted, its audit entry, in one transaction.</summary>
    private async Task<bool> InsertOnceAsync(string sql, Action<DbCommand> bind, AuditEntry audit, CancellationToken cancellationToken)
    {
        var inserted = false;
        await WriteAsync(async (connection, transaction) =>
        {
            await using var insert = connection.Command(sql, transaction);
            bind(insert);
            inserted = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
            if (inserted)
            {
                await AuditTrail.AppendAsync(connection, transaction, audit, cancellationToken);
            }
        }, cancellationToken);
        return inserted;
    }
}
