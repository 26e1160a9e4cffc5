using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>One timed event of a scenario. Which fields are used depends on <see cref="Type"/> (docs/simulators.md).
/// The fields with defaults are required here: their defaults are written once, in <see cref="Format.ScenarioEventFile"/>.</summary>
/// <param name="Path">Where it is in its file (<c>$.events[3]</c>), for messages.</param>
internal sealed record ScenarioEvent(TimeSpan At, ScenarioEventType Type, string Path)
{
    public string? Batch { get; init; }
    public IReadOnlyList<string> Rooms { get; init; } = [];
    public required string Product { get; init; }
    public required string Tenant { get; init; }
    public required string Process { get; init; }
    public string? Room { get; init; }
    public string? Sensor { get; init; }
    public TimeSpan Duration { get; init; }
    public int? Samples { get; init; }
    public Parameter? Size { get; init; }
    public double PerCubicMetre { get; init; }
    public long? Count { get; init; }

    /// <summary>Exact raw counts for successive samples, repeated when the burst covers more samples than it lists.</summary>
    public IReadOnlyList<long> Counts { get; init; } = [];
    public required double DropPa { get; init; }
    public required double PressurePa { get; init; }
    public Parameter? Parameter { get; init; }
    public double Value { get; init; }
    public SampleFaults Faults { get; init; }
    public TimeSpan Skew { get; init; }
    public required string PayloadKind { get; init; }
    public required int Repeat { get; init; }
    public required double Co2Drop { get; init; }
    public required double TemperatureDrop { get; init; }
    public required double RisePeak { get; init; }

    /// <summary>Window: "non-monitoring" or "operation".</summary>
    public required string WindowKind { get; init; }

    /// <summary>Window: why it is declared (recorded with it).</summary>
    public string? Reason { get; init; }

    public TimeSpan End => At + Duration;
}
