using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>What one poll's registers say: the channel values (particle channels as counts per sample), the device's
/// own timestamp if it has one, the sampled volume, the faults its status bits report, and the channels left out
/// (masked as invalid or holding the device's "unavailable" value), each with the reason.</summary>
public sealed record DecodedSample(
    IReadOnlyList<SampleValue> Values,
    DateTimeOffset? Timestamp,
    double? VolumeLitres,
    SampleFaults Faults,
    IReadOnlyList<string> Omitted);
