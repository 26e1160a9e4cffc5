using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>What a source decoded from one message or poll, before validation: the unit sources hand to ingest.
/// <see cref="Timestamp"/> is null when the instrument sent none. <see cref="Origin"/> names where it came from
/// (an MQTT topic, a Modbus device) for rejection reports. <see cref="IsHistorical"/> marks data an edge node buffered
/// and replays later (Sparkplug <c>is_historical</c>): it is stored, and judged at its own time apart from the live stream (docs/sparkplug.md).</summary>
public sealed record SensorSample(
    SensorId Sensor,
    DateTimeOffset? Timestamp,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<SampleValue> Values,
    string Origin,
    double? VolumeLitres = null,
    SampleFaults Faults = SampleFaults.None,
    long? Sequence = null,
    bool IsHistorical = false)
{
    /// <summary>Called once the sample's readings are committed to the durable buffer, in the order the samples were
    /// taken in. Only then may a source forget it: a Modbus poller moves its persisted record cursor past it, so after a
    /// crash it reads again what was not yet safe. A sample that stores nothing (refused, or only repeats or conflicts)
    /// is not acknowledged: an acknowledgement then could overtake the commit of the samples before it, and a later
    /// sample's acknowledgement covers it. Runs on the buffer stage's thread; it must be quick and must not throw.</summary>
    public Action? Acknowledge { get; init; }
}
