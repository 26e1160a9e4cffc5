using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>Computes the differential pressure of a room pair from the two rooms' absolute-pressure readings (Annex 1
/// 4.14-4.16: the cascade is monitored continuously, whether the site has DP transmitters or absolute sensors per room).
/// A difference is formed when a reading arrives and the other room's latest reading is no older than the longer of the
/// two sensors' intervals; it carries the newer of the two timestamps. Pure and single-threaded (the ingest pump).</summary>
public sealed class PressureDifferences(FacilityDefinition facility)
{
    private readonly Dictionary<SensorId, Reading> _latest = [];
    private readonly ILookup<SensorId, Sensor> _dependents = facility.Sensors
        .Where(s => s.ComputedFrom is not null)
        .SelectMany(s => new[] { (From: s.ComputedFrom!.Value.Room, Sensor: s), (From: s.ComputedFrom!.Value.Reference, Sensor: s) })
        .ToLookup(x => x.From, x => x.Sensor);

    public bool Any => _dependents.Count > 0;

    /// <summary>The computed readings an absolute-pressure reading completes (none for any other reading).</summary>
    public IReadOnlyList<Reading> Derive(Reading reading)
    {
        if (reading.Parameter != Parameter.AbsolutePressure || !reading.IsValid || !_dependents.Contains(reading.Sensor))
        {
            return [];
        }
        _latest[reading.Sensor] = reading;
        var derived = new List<Reading>(1);
        foreach (var computed in _dependents[reading.Sensor])
        {
            var (own, other) = computed.ComputedFrom!.Value;
            if (!_latest.TryGetValue(own, out var a) || !_latest.TryGetValue(other, out var b))
            {
                continue;
            }
            var window = Max(Interval(own), Interval(other));
            if ((a.Timestamp - b.Timestamp).Duration() > window)
            {
                continue;
            }
            var timestamp = a.Timestamp > b.Timestamp ? a : b;
            derived.Add(new Reading(computed.Id, computed.Room, Parameter.DifferentialPressure, Math.Round(a.Value - b.Value, 3),
                timestamp.Timestamp, timestamp.TimeSource, reading.ReceivedAt));
        }
        return derived;
    }

    private TimeSpan Interval(SensorId id) => facility.TryGetSensor(id, out var sensor) ? sensor.Interval : TimeSpan.Zero;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
