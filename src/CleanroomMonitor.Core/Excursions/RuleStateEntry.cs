using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>The rule state of one sensor parameter; <paramref name="Reversal"/> marks the pressure-cascade sign rule.</summary>
public sealed record RuleStateEntry(SensorId Sensor, Parameter Parameter, bool Reversal, EvaluatorState State);
