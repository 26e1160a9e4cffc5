namespace CleanroomMonitor.Modbus.Profiles;

/// <summary>Where the sampled air volume of a particle sample comes from: the device's flow × sample time
/// (<see cref="FlowPoint"/> in ft3/min or L/min, <see cref="SampleSecondsPoint"/> in s), or a fixed volume stated by
/// the profile (<see cref="Litres"/>). Counts become particles/m³ with it (docs/gmp.md §3: the volume actually sampled).</summary>
public sealed record VolumeRule(double? Litres, string? FlowPoint, string? SampleSecondsPoint);
