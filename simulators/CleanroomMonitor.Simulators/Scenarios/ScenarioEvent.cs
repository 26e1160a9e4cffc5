using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>One timed event of a scenario. Which fields are used depends on <see cref="Type"/> (docs/simulators.md).</summary>
/// <param name="Path">Where it is in its file (<c>$.events[3]</c>), for messages.</param>
internal sealed record ScenarioEvent(TimeSpan At, ScenarioEventType Type, string Path)
{
    public string? Batch { get; init; }
    public IReadOnlyList<string> Rooms { get; init; } = [];
    public string Product { get; init; } = "simulated product";
    public string Tenant { get; init; } = "simulated-tenant";
    public string Process { get; init; } = "open";
    public string? Room { get; init; }
    public string? Sensor { get; init; }
    public TimeSpan Duration { get; init; }
    public int? Samples { get; init; }
    public Parameter? Size { get; init; }
    public double PerCubicMetre { get; init; }
    public long? Count { get; init; }

    /// <summary>Exact raw counts for successive samples, repeated when the burst covers more samples than it lists.</summary>
    public IReadOnlyList<long> Counts { get; init; } = [];
    public double DropPa { get; init; } = 6;
    public double PressurePa { get; init; } = 1;
    public Parameter? Parameter { get; init; }
    public double Value { get; init; }
    public SampleFaults Faults { get; init; }
    public TimeSpan Skew { get; init; }
    public string PayloadKind { get; init; } = "truncated";
    public int Repeat { get; init; } = 1;
    public double Co2Drop { get; init; } = 1.5;
    public double TemperatureDrop { get; init; } = 0.8;
    public double RisePeak { get; init; } = 7;

    /// <summary>Window: "non-monitoring" or "operation".</summary>
    public string WindowKind { get; init; } = "non-monitoring";

    /// <summary>Window: why it is declared (recorded with it).</summary>
    public string? Reason { get; init; }

    public TimeSpan End => At + Duration;
}
