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
    /// <summary>Called once the sample is safe, in the order the samples were taken in: its readings committed to the
    /// durable buffer, or, for a sample that stores nothing (refused, or only repeats or conflicts), once everything taken
    /// in before it is committed. Only then may a source forget it: a Modbus poller moves its persisted record cursor past
    /// it, an MQTT source sends the PUBACK, so after a crash what was not yet safe is read or sent again. Runs on the buffer
    /// stage's thread; it must be quick and must not throw.</summary>
    public Action? Acknowledge { get; init; }
}
