using System.ComponentModel;

namespace CleanroomMonitor.Simulators.Scenarios.Format;

/// <summary>One event of a scenario file as written. Which fields apply depends on <see cref="Type"/>; the defaults
/// here are the only place they are written (docs/simulators.md lists them for authors).</summary>
[Description("One timed event; which fields apply depends on its type.")]
internal sealed class ScenarioEventFile
{
    [Description("Required. When it happens, from the scenario's start: a duration such as 90s, 5m or hh:mm:ss.")]
    public string? At { get; set; }

    [Description("Required. One of batch-start, batch-end, door-open, particle-burst, silent, fault, fan-loss, clock-skew, malformed, set, defrost, window.")]
    public string? Type { get; set; }

    [Description("batch-start, batch-end: the batch number (a run suffix is added when played).")]
    public string? Batch { get; set; }

    [Description("batch-start: the room ids the batch runs in.")]
    public List<string>? Rooms { get; set; }

    [Description("batch-start: the product named in the MES message.")]
    public string Product { get; set; } = "simulated product";

    [Description("batch-start: the tenant named in the MES message.")]
    public string Tenant { get; set; } = "simulated-tenant";

    [Description("batch-start: the process named in the MES message (docs/excursions.md).")]
    public string Process { get; set; } = "open";

    [Description("A room id of the facility (door-open, particle-burst: every sensor of the room; fan-loss, window).")]
    public string? Room { get; set; }

    [Description("A sensor id of the facility.")]
    public string? Sensor { get; set; }

    [Description("How long it lasts: a duration such as 30s or 2m.")]
    public string? Duration { get; set; }

    [Description("particle-burst, fault, set: how many samples it covers, instead of a duration.")]
    public int? Samples { get; set; }

    [Description("particle-burst: the particle size affected, 0.5 or 5.0 (µm), or all.")]
    public string? Size { get; set; }

    [Description("particle-burst: extra particles per m³ on the mean.")]
    public double? PerCubicMetre { get; set; }

    [Description("particle-burst: an exact raw count per sample, a whole number 0 or more.")]
    public long? Count { get; set; }

    [Description("particle-burst: exact raw counts for successive samples, repeated ([2, 0]: 2 in every other sample).")]
    public List<long>? Counts { get; set; }

    [Description("door-open: how far the room's pressure sensors dip, in Pa.")]
    public double DropPa { get; set; } = 6;

    [Description("fan-loss: what every pressure sensor of the room reads, in Pa (negative: a reversal).")]
    public double PressurePa { get; set; } = 1;

    [Description("set: the parameter held, by its wire name (temperature, humidity, co2…).")]
    public string? Parameter { get; set; }

    [Description("set: the value the parameter is held at, in the parameter's unit.")]
    public double? Value { get; set; }

    [Description("fault: the instrument flags its samples carry: laser, flow, overflow, service, sampler, calibration, saturated or other.")]
    public List<string>? Faults { get; set; }

    [Description("clock-skew: how far the device's clock is off, such as 30m or -10m (slow).")]
    public string? Skew { get; set; }

    [Description("malformed: the broken payload sent: truncated, not-finite, negative-count, no-volume or wrong-type.")]
    public string Payload { get; set; } = "truncated";

    [Description("malformed: how many broken messages are sent.")]
    public int Repeat { get; set; } = 1;

    [Description("door-open on an incubator: how far CO2 falls while open, in %.")]
    public double Co2Drop { get; set; } = 1.5;

    [Description("door-open on an incubator: how far the temperature falls while open, in °C.")]
    public double TemperatureDrop { get; set; } = 0.8;

    [Description("defrost: how far a freezer defrost cycle warms it, in °C.")]
    public double RisePeak { get; set; } = 7;

    [Description("window: non-monitoring (Annex 1 9.19-9.20) or operation.")]
    public string Kind { get; set; } = "non-monitoring";

    [Description("window: why it is declared (recorded with it).")]
    public string? Reason { get; set; }
}
