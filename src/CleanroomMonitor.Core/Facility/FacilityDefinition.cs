using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace CleanroomMonitor.Core.Facility;

/// <summary>The validated facility definition: the site, its rooms and their sensors, with the look-ups the
/// pipeline needs. Built only by <see cref="FacilityReader"/>, so every instance has passed validation.</summary>
public sealed class FacilityDefinition
{
    private readonly FrozenDictionary<RoomId, Room> _rooms;
    private readonly FrozenDictionary<SensorId, Sensor> _sensors;
    private readonly FrozenDictionary<string, Sensor> _sensorsByTopic;

    internal FacilityDefinition(Site site, IReadOnlyList<Room> rooms, IReadOnlyList<Sensor> sensors, string version)
    {
        Site = site;
        Rooms = rooms;
        Sensors = sensors;
        Version = version;
        _rooms = rooms.ToFrozenDictionary(r => r.Id);
        _sensors = sensors.ToFrozenDictionary(s => s.Id);
        _sensorsByTopic = sensors.Where(s => s.Topic is not null).ToFrozenDictionary(s => s.Topic!, StringComparer.Ordinal);
    }

    public Site Site { get; }

    /// <summary>Site-wide limits per grade and parameter (for example the site's own grade D in-operation values,
    /// which Annex 1 leaves to the site), applied before room and sensor limits.</summary>
    public IReadOnlyDictionary<Grade, IReadOnlyDictionary<Parameter, Limits.LimitSpec>> GradeLimits { get; init; } =
        new Dictionary<Grade, IReadOnlyDictionary<Parameter, Limits.LimitSpec>>();

    public IReadOnlyList<Room> Rooms { get; }

    public IReadOnlyList<Sensor> Sensors { get; }

    /// <summary>A content hash of the definition file, carried by reports and records so they name the
    /// configuration they were produced under (docs/gmp.md §8, change control).</summary>
    public string Version { get; }

    public Room Room(RoomId id) => _rooms[id];

    public bool TryGetRoom(RoomId id, [NotNullWhen(true)] out Room? room) => _rooms.TryGetValue(id, out room);

    public bool TryGetSensor(SensorId id, [NotNullWhen(true)] out Sensor? sensor) => _sensors.TryGetValue(id, out sensor);

    public bool TryGetSensorByTopic(string topic, [NotNullWhen(true)] out Sensor? sensor) => _sensorsByTopic.TryGetValue(topic, out sensor);

    public IEnumerable<Sensor> SensorsIn(RoomId room) => Sensors.Where(s => s.Room == room);

    /// <summary>The same facility with <paramref name="rooms"/> and <paramref name="sensors"/> in place of its own (a limit
    /// change, docs/gmp.md "Limit changes under change control"); the file's <see cref="Version"/> stays, since the limit
    /// sets carry their own versions.</summary>
    internal FacilityDefinition With(IReadOnlyList<Room> rooms, IReadOnlyList<Sensor> sensors) =>
        new(Site, rooms, sensors, Version) { GradeLimits = GradeLimits };
}
