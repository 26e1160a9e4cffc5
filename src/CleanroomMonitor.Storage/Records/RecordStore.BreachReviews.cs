using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Records;
using System.Data.Common;

namespace CleanroomMonitor.Storage.Records;

/// <summary>QA's signed breach reviews (docs/reports.md "Breach review"): one row per review, written once with its audit
/// entry under the batch's number, never changed or deleted (triggers refuse both).</summary>
public sealed partial class RecordStore
{
    public Task SaveBreachReviewAsync(BreachReview review, AuditEntry audit, CancellationToken cancellationToken) =>
        SaveAllAsync([new RecordWrite.BreachReviewSaved(review, audit)], cancellationToken);

    public async Task<IReadOnlyList<BreachReview>> BreachReviewsAsync(string batch, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<BreachReview>("SELECT record FROM breach_reviews WHERE batch = @batch ORDER BY signed_at, id",
            command => command.With("@batch", batch), cancellationToken);

    private static async Task WriteBreachReviewAsync(DbConnection connection, DbTransaction transaction, BreachReview review, AuditEntry audit,
        CancellationToken cancellationToken)
    {
        var json = RecordJson.Serialize(review);
        await using var insert = connection.Command(
                "INSERT INTO breach_reviews (id, batch, signed_at, record) VALUES (@id, @batch, @signed, @record)", transaction)
            .With("@id", review.Id.ToString("D")).With("@batch", review.Batch).With("@signed", RecordTime.ToText(review.Signature.At)).With("@record", json);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await AuditTrail.AppendAsync(connection, transaction, ForEntity(audit, AuditEntity.Batch, review.Batch, null, json), cancellationToken);
    }
}
