namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>A sensor parameter, or a part of its test, the protocol does not cover, and why.</summary>
internal sealed record NotCovered(string Sensor, string? Parameter, string Reason);
