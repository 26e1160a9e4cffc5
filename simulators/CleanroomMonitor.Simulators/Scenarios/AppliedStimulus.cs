using System.Globalization;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>What a row's requirement was tested with, for the OQ record (issue 24: "the applied stimulus"): the scenario's
/// events that act on the row's sensor or its room (every event when the row names neither), each with the device
/// timestamp it was played at and its scenario time; a row that no event acts on was tested by the natural signals alone.</summary>
internal static partial class AppliedStimulus
{
    public static string Describe(Expectation expectation, Scenario scenario, ScenarioClock clock, FacilityDefinition facility)
    {
        ArgumentNullException.ThrowIfNull(expectation);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(facility);
        var room = expectation.Room
            ?? (expectation.Sensor is { } id && facility.TryGetSensor(new SensorId(id), out var sensor) ? sensor.Room.Value : null);
        var acting = scenario.Events.Where(e => (expectation.Sensor is null && room is null) || Acts(e, expectation.Sensor, room, facility)).ToList();
        var signals = string.Create(CultureInfo.InvariantCulture,
            $"natural signals of every simulated sensor, device time {Stamp(clock, TimeSpan.Zero)} to {Stamp(clock, scenario.Duration)}");
        return acting.Count == 0 ? signals : string.Join("; ", acting.Select(e => Event(e, clock))) + "; over " + signals;
    }

    /// <summary>A row on a sensor: the events on that sensor and the room-wide ones of its room (a batch, a fan loss); a row
    /// on a room: every event in it.</summary>
    private static bool Acts(ScenarioEvent e, string? sensor, string? room, FacilityDefinition facility)
    {
        var roomWide = e.Sensor is null && room is not null && (e.Room == room || e.Rooms.Contains(room));
        return sensor is not null
            ? e.Sensor == sensor || roomWide
            : roomWide || (e.Sensor is { } other && facility.TryGetSensor(new SensorId(other), out var s) && s.Room.Value == room);
    }

    private static string Event(ScenarioEvent e, ScenarioClock clock)
    {
        var target = e.Sensor ?? e.Room ?? (e.Rooms.Count > 0 ? string.Join(",", e.Rooms) : e.Batch);
        var detail = e.Type switch
        {
            ScenarioEventType.Set => string.Create(CultureInfo.InvariantCulture, $" {e.Parameter} held at {e.Value}"),
            ScenarioEventType.ParticleBurst => string.Create(CultureInfo.InvariantCulture, $" {e.Size} +{e.PerCubicMetre} /m³"),
            ScenarioEventType.DoorOpen when e.Co2Drop > 0 => string.Create(CultureInfo.InvariantCulture, $" CO2 −{e.Co2Drop} %, temperature −{e.TemperatureDrop} °C"),
            ScenarioEventType.DoorOpen => string.Create(CultureInfo.InvariantCulture, $" pressure −{e.DropPa} Pa"),
            ScenarioEventType.FanLoss => string.Create(CultureInfo.InvariantCulture, $" pressure {e.PressurePa} Pa"),
            ScenarioEventType.Defrost => string.Create(CultureInfo.InvariantCulture, $" +{e.RisePeak} °C"),
            ScenarioEventType.ClockSkew => string.Create(CultureInfo.InvariantCulture, $" clock off by {e.Skew}"),
            ScenarioEventType.Fault => $" flags {e.Faults}",
            ScenarioEventType.Malformed => string.Create(CultureInfo.InvariantCulture, $" {e.PayloadKind} ×{e.Repeat}"),
            ScenarioEventType.Window => $" {e.WindowKind}",
            _ => "",
        };
        var lasting = e.Duration > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $" for {e.Duration}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{Kebab(e.Type)} {target}{detail} at {Stamp(clock, e.At)} (scenario {e.At}){lasting}");
    }

    private static string Stamp(ScenarioClock clock, TimeSpan at) =>
        clock.Stamp(at).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Kebab(ScenarioEventType type) => UpperInside().Replace(type.ToString(), "-$0").ToLowerInvariant();

    [GeneratedRegex("(?<!^)[A-Z]")]
    private static partial Regex UpperInside();
}
