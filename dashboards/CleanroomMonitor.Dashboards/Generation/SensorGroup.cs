using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>The sensors of a room that one panel shows for one parameter: those judged against the same limits
/// (a grade A cabinet's counter and the grade B room's counter differ, so they get a panel each). Differential
/// pressure sensors are grouped by reference room, equipment sensors each get their own panel.</summary>
public sealed record SensorGroup(Parameter Parameter, IReadOnlyList<Sensor> Sensors, LimitSet? AtRest, LimitSet? InOperation)
{
    public IReadOnlyList<LimitLine> Lines => LimitLines.For(AtRest, InOperation);

    public IEnumerable<string> SensorIds => Sensors.Select(s => s.Id.Value);

    /// <summary>The groups of <paramref name="room"/>'s sensors for <paramref name="parameter"/>, in file order.</summary>
    public static IReadOnlyList<SensorGroup> Of(FacilityDefinition facility, LimitBook limits, Room room, Parameter parameter, bool equipment) =>
        facility.SensorsIn(room.Id)
            .Where(s => s.Measures(parameter) && (s.Equipment is not null) == equipment)
            .Select(s => (Sensor: s, AtRest: limits.Resolve(s, parameter, RoomState.AtRest), InOperation: limits.Resolve(s, parameter, RoomState.InOperation)))
            .GroupBy(x => (
                Equipment: x.Sensor.Equipment is null ? "" : x.Sensor.Id.Value,
                Reference: x.Sensor.ReferenceRoom?.Value ?? "",
                AtRest: x.AtRest?.Describe() ?? "",
                InOperation: x.InOperation?.Describe() ?? ""))
            .Select(g => new SensorGroup(parameter, g.Select(x => x.Sensor).ToList(), g.First().AtRest, g.First().InOperation))
            .ToList();

    /// <summary>Where the group samples: "grade A · Biosafety cabinet 1", "grade B", "→ al1", "CO2 incubator INC-01".</summary>
    public string Place(FacilityDefinition facility)
    {
        var first = Sensors[0];
        if (first.Equipment is not null)
        {
            return first.Location;
        }
        if (first.ReferenceRoom is { } reference)
        {
            return $"against {reference}";
        }
        var grade = first.Grade is { } g ? $"grade {g}" : "unclassified";
        var zones = Sensors.Select(s => s.Zone).Distinct().ToList();
        if (zones is [{ } zoneId])
        {
            var zone = facility.Room(first.Room).Zones.First(z => z.Id == zoneId);
            return $"{grade} · {zone.Name}";
        }
        return grade;
    }

    /// <summary>Which layers the limits came from (Annex 1 default, grade, room, sensor), for the panel description.</summary>
    public string LimitSources =>
        (AtRest, InOperation) switch
        {
            (null, null) => "no limits configured: not judged",
            _ when AtRest?.Source == InOperation?.Source => $"limits from {AtRest?.Source}",
            _ => $"limits at rest from {AtRest?.Source ?? "none"}; in operation from {InOperation?.Source ?? "none"}",
        };
}
