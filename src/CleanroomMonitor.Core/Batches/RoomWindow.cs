using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Batches;

/// <summary>A declared period [From, To) that changes a room's state, with who declared it and why.</summary>
public sealed record RoomWindow(Guid Id, RoomId Room, RoomWindowKind Kind, DateTimeOffset From, DateTimeOffset To, string Reason, string By)
{
    public bool Covers(DateTimeOffset at) => From <= at && at < To;
}
