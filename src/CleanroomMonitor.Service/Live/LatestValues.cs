using System.Collections.Concurrent;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Service.Live;

/// <summary>The most recent accepted reading of every sensor parameter, held in memory for the live board and the
/// activity log; a late reading never replaces a newer one.</summary>
public sealed class LatestValues
{
    private readonly ConcurrentDictionary<(SensorId, Parameter), Reading> _latest = new();
    private readonly ConcurrentDictionary<RoomId, long> _perRoom = new();

    public void Update(Reading reading)
    {
        _latest.AddOrUpdate((reading.Sensor, reading.Parameter), reading,
            (_, existing) => reading.Timestamp >= existing.Timestamp ? reading : existing);
        _perRoom.AddOrUpdate(reading.Room, 1, (_, n) => n + 1);
    }

    public IReadOnlyList<Reading> All() => _latest.Values.OrderBy(r => r.Sensor.Value, StringComparer.Ordinal).ThenBy(r => r.Parameter).ToList();

    public Reading? Latest(SensorId sensor, Parameter parameter) => _latest.GetValueOrDefault((sensor, parameter));

    public IReadOnlyList<Reading> InRoom(RoomId room) => All().Where(r => r.Room == room).ToList();

    /// <summary>Readings accepted for the room since the service started.</summary>
    public long CountIn(RoomId room) => _perRoom.GetValueOrDefault(room);
}
