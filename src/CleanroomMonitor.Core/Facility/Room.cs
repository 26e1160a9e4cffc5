namespace CleanroomMonitor.Core.Facility;

/// <summary>A cleanroom (or airlock, or unclassified corridor when <see cref="Grade"/> is null) with its zones and
/// the rooms it shares a wall or door with, which define the pressure cascade.</summary>
public sealed record Room(RoomId Id, string Name, Grade? Grade, IReadOnlyList<Zone> Zones, IReadOnlyList<RoomId> Adjacent)
{
    /// <summary>How long after operations end the room has to meet its at-rest limits (Annex 1 Table 5 note 1: 15-20 min).</summary>
    public TimeSpan CleanUpPeriod { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Limits for this room's sensors, by parameter; a sensor's own limits override them.</summary>
    public IReadOnlyDictionary<Parameter, Limits.LimitSpec> Limits { get; init; } = new Dictionary<Parameter, Limits.LimitSpec>();

    /// <summary>Where the room is drawn on the floor plan; null when the facility file gives no layout (the plan then
    /// lists the room beside the drawing).</summary>
    public RoomLayout? Layout { get; init; }

    public bool IsClassified => Grade is not null;
}
