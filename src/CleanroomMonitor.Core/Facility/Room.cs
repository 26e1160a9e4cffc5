namespace CleanroomMonitor.Core.Facility;

/// <summary>A cleanroom (or airlock, or unclassified corridor when <see cref="Grade"/> is null) with its zones and
/// the rooms it shares a wall or door with, which define the pressure cascade.</summary>
public sealed record Room(RoomId Id, string Name, Grade? Grade, IReadOnlyList<Zone> Zones, IReadOnlyList<RoomId> Adjacent)
{
    public bool IsClassified => Grade is not null;
}
