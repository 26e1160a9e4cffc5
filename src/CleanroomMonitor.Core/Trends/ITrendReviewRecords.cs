using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Trends;

/// <summary>Where the signed reviews of trend reports are kept: each written once with its audit entry in one
/// transaction, never changed or deleted.</summary>
public interface ITrendReviewRecords
{
    /// <summary>Every review of the room's trend report over exactly [periodFrom, periodTo), oldest first.</summary>
    Task<IReadOnlyList<TrendReview>> TrendReviewsAsync(RoomId room, DateTimeOffset periodFrom, DateTimeOffset periodTo, CancellationToken cancellationToken);

    /// <summary>Stores a review with its audit entry.</summary>
    /// <returns>False, writing nothing, when these very figures of that room and period were reviewed already.</returns>
    Task<bool> SaveTrendReviewAsync(TrendReview review, AuditEntry audit, CancellationToken cancellationToken);
}
