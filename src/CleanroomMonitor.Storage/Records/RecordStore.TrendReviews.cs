using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Trends;

namespace CleanroomMonitor.Storage.Records;

/// <summary>QA's signed reviews of trend reports (docs/reports.md "Trend report"), since schema 7: once per room, period and
/// figures hash (the table's unique key, so two people signing the same figures at the same moment cannot both win), each
/// with its audit entry under the room's id, never changed or deleted (triggers refuse both).</summary>
public sealed partial class RecordStore : ITrendReviewRecords
{
    public async Task<IReadOnlyList<TrendReview>> TrendReviewsAsync(RoomId room, DateTimeOffset periodFrom, DateTimeOffset periodTo, CancellationToken cancellationToken) =>
        await ReadRecordsAsync<TrendReview>("SELECT record FROM trend_report_reviews WHERE room = @room AND from_at = @from AND to_at = @to ORDER BY sequence",
            command => command.With("@room", room.Value).With("@from", RecordTime.ToText(periodFrom)).With("@to", RecordTime.ToText(periodTo)), cancellationToken);

    public Task<bool> SaveTrendReviewAsync(TrendReview review, AuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(audit);
        var json = RecordJson.Serialize(review);
        return InsertOnceAsync(
            "INSERT INTO trend_report_reviews (id, room, from_at, to_at, figures_sha256, reviewer, role, meaning, comment, signed_at, record) " +
            "VALUES (@id, @room, @from, @to, @sha, @reviewer, @role, @meaning, @comment, @signed, @record) " +
            "ON CONFLICT (room, from_at, to_at, figures_sha256) DO NOTHING",
            command => command.With("@id", review.Id.ToString("D")).With("@room", review.Room.Value).With("@from", RecordTime.ToText(review.From))
                .With("@to", RecordTime.ToText(review.To)).With("@sha", review.FiguresSha256).With("@reviewer", review.Signature.UserName)
                .With("@role", review.Signature.Role).With("@meaning", review.Signature.Meaning).With("@comment", review.Comment)
                .With("@signed", RecordTime.ToText(review.Signature.At)).With("@record", json),
            ForEntity(audit, AuditEntity.Room, review.Room.Value, null, json), cancellationToken);
    }
}
