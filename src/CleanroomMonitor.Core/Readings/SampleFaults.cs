namespace CleanroomMonitor.Core.Readings;

/// <summary>Faults an instrument reports for one sample (particle counters' data status bits). A sample with any
/// fault is not a valid measurement: it is stored with its status and never judged as clean air (domain.md §3).</summary>
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
}
