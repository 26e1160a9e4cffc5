namespace CleanroomMonitor.Core.Facility;

/// <summary>One instrument in a room. <see cref="Grade"/> is the grade of the place it samples: its zone's grade
/// when it sits in a zone, otherwise its room's. <see cref="ReferenceRoom"/> is set for differential-pressure
/// sensors: the value is this room's pressure minus the reference room's. <see cref="Topic"/> is set for MQTT
/// sensors only.</summary>
public sealed record Sensor(
    SensorId Id,
    RoomId Room,
    string? Zone,
    string Location,
    Grade? Grade,
    IReadOnlyList<Parameter> Parameters,
    TimeSpan Interval,
    RoomId? ReferenceRoom,
    SensorSource Source,
    string? Topic,
    Equipment? Equipment = null)
{
    /// <summary>No reading for this long is a data gap. Default: three intervals, and at least 10 seconds.</summary>
    public TimeSpan GapAfter { get; init; } = Interval * 3 > TimeSpan.FromSeconds(10) ? Interval * 3 : TimeSpan.FromSeconds(10);

    /// <summary>This sensor's own limits, by parameter: they override the room's and the grade's.</summary>
    public IReadOnlyDictionary<Parameter, Limits.LimitSpec> Limits { get; init; } = new Dictionary<Parameter, Limits.LimitSpec>();

    /// <summary>For a computed differential pressure: the absolute-pressure sensor of this room, then that of the
    /// reference room; the value is the first minus the second.</summary>
    public (SensorId Room, SensorId Reference)? ComputedFrom { get; init; }

    /// <summary>For a Sparkplug B sensor: the edge node, device and metric names its parameters arrive under.</summary>
    public SparkplugAddress? Sparkplug { get; init; }

    /// <summary>The instrument's asset data from the facility file, the register's initial entry; null when the file gives none.</summary>
    public SensorAsset? Asset { get; init; }

    public bool Measures(Parameter parameter) => Parameters.Contains(parameter);
}
