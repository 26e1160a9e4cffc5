using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Simulators.Signals;

/// <summary>One simulated instrument sample: values (or particle counts per sample with the sampled volume).</summary>
internal sealed record SimulatedSample(
    Sensor Sensor,
    DateTimeOffset Timestamp,
    long Sequence,
    IReadOnlyDictionary<Parameter, double> Values,
    IReadOnlyDictionary<Parameter, long> Counts,
    double? VolumeLitres,
    SampleFaults Faults = SampleFaults.None);
