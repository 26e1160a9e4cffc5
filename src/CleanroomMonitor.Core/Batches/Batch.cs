using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Batches;

/// <summary>A manufacturing batch made in one or more rooms, owned by a tenant (the company renting the rooms).
/// Active from <see cref="StartedAt"/> until <see cref="EndedAt"/>.</summary>
public sealed record Batch(
    string Number,
    string Product,
    string Tenant,
    IReadOnlyList<RoomId> Rooms,
    ProcessType Process,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string StartedBy,
    string? EndedBy)
{
    public bool IsActive => EndedAt is null;

    /// <summary>True when the batch was active in <paramref name="room"/> at any time in [from, to] (to null: up to now).</summary>
    public bool Overlaps(RoomId room, DateTimeOffset from, DateTimeOffset? to) =>
        Rooms.Contains(room) && StartedAt <= (to ?? DateTimeOffset.MaxValue) && (EndedAt is null || EndedAt >= from);
}
