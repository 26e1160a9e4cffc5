namespace CleanroomMonitor.Core.Readings;

/// <summary>Faults of one sample: the status bits an instrument reports (particle counters' data status), and the
/// faults the service finds in the data itself (<see cref="Saturated"/>, <see cref="InconsistentCounts"/>). A sample
/// with any fault is not a valid measurement: it is stored with its faults and never judged as clean air, it raises a
/// sensor fault instead (docs/gmp.md §3). The numbers are stored (InfluxDB field <c>faults</c>) and must never change.</summary>
[Flags]
public enum SampleFaults
{
    None = 0,
    Laser = 1,
    Flow = 2,
    Overflow = 4,
    Service = 8,
    Sampler = 16,
    Calibration = 32,
    Other = 64,

    /// <summary>A channel of the sample held a saturated register (the type's extreme value: uint16 0xFFFF, uint32
    /// 0xFFFFFFFF, int16/int32 minimum or maximum, float ±infinity or ±max) or a sentinel value the device profile
    /// names. That channel is left out of the sample (never stored as a concentration); the others carry this fault.</summary>
    Saturated = 128,

    /// <summary>Cumulative particle counts that cannot both be true: more particles ≥5.0 µm than ≥0.5 µm in one sample
    /// (every particle ≥5.0 µm is also ≥0.5 µm). Found by ingest, whatever the transport.</summary>
    InconsistentCounts = 256,
}
