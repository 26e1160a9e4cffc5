using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Readings;

/// <summary>One validated, normalised value of one parameter of one sensor at one time: the unit of judging and of
/// storage. <see cref="Value"/> is in the parameter's canonical unit (particles per m³ for particle channels);
/// particle readings also keep the raw <see cref="Count"/> and the <see cref="VolumeLitres"/> actually sampled, so
/// the concentration can always be recomputed from what the instrument said. <see cref="IsHistorical"/> marks a
/// value replayed from an edge node's store-and-forward buffer: stored with its own time, judged at it by a rule state of
/// its own, never as live (docs/sparkplug.md).
/// <see cref="OutOfService"/> marks a reading of a sensor taken out of service: stored with that flag, never judged.
/// <see cref="Calibration"/> marks a reading measured by an instrument overdue for calibration or failed at its last one:
/// stored and judged as any, flagged for assessment (docs/instruments.md "Calibration register").</summary>
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
    long? Sequence = null,
    bool IsHistorical = false,
    bool OutOfService = false,
    CalibrationState? Calibration = null)
{
    public bool IsValid => Faults == SampleFaults.None;
}
