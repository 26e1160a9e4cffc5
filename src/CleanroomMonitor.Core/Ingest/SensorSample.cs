using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Ingest;

/// <summary>What a source decoded from one message or poll, before validation: the unit sources hand to ingest.
/// <see cref="Timestamp"/> is null when the instrument sent none. <see cref="Origin"/> names where it came from
/// (an MQTT topic, a Modbus device) for rejection reports. <see cref="IsHistorical"/> marks data an edge node buffered
/// and replays later (Sparkplug <c>is_historical</c>): it is stored, never judged as live (docs/sparkplug.md).</summary>
public sealed record SensorSample(
    SensorId Sensor,
    DateTimeOffset? Timestamp,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<SampleValue> Values,
    string Origin,
    double? VolumeLitres = null,
    SampleFaults Faults = SampleFaults.None,
    long? Sequence = null,
    bool IsHistorical = false);
