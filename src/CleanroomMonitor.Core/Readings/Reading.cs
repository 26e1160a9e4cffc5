using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Readings;

/// <summary>One validated, normalised value of one parameter of one sensor at one time: the unit of judging and of
/// storage. <see cref="Value"/> is in the parameter's canonical unit (particles per m³ for particle channels);
/// particle readings also keep the raw <see cref="Count"/> and the <see cref="VolumeLitres"/> actually sampled, so
/// the concentration can always be recomputed from what the instrument said.</summary>
public sealed record Reading(
    SensorId Sensor,
    RoomId Room,
    Parameter Parameter,
    double Value,
    DateTimeOffset Timestamp,
    TimeSource TimeSource,
    DateTimeOffset ReceivedAt,
    long? Count = null,
    double? VolumeLitres = null,
    SampleFaults Faults = SampleFaults.None,
    long? Sequence = null)
{
    public bool IsValid => Faults == SampleFaults.None;
}
