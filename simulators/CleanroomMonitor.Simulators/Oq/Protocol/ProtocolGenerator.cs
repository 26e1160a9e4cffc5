using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Simulators.Oq.Protocol;

/// <summary>Generates an OQ protocol from a site's own facility file (issue 24 item 5): one scenario per sensor the kit
/// can drive, stepping each parameter across the limits the service resolves for it at rest (the same
/// <see cref="LimitBook"/>, with the site's grade, room and sensor layers), and a README listing what was generated, what
/// was not and why, and the SHA-256 of the facility file. Pure: the same facility and selection give the same files.</summary>
internal static class ProtocolGenerator
{
    public const string ReadmeName = "README.md";

    /// <summary>The ids given that the facility does not have.</summary>
    public static IReadOnlyList<string> Unknown(FacilityDefinition facility, IReadOnlyCollection<string> sensors, IReadOnlyCollection<string> rooms) =>
    [
        .. sensors.Where(s => !facility.TryGetSensor(new SensorId(s), out _)).Select(s => $"--sensor {s}: no such sensor in facility {facility.Site.Id}"),
        .. rooms.Where(r => !facility.TryGetRoom(new RoomId(r), out _)).Select(r => $"--room {r}: no such room in facility {facility.Site.Id}"),
    ];

    /// <param name="sensors">Sensors to cover (with <paramref name="rooms"/>: those and every sensor of the rooms); none: every sensor.</param>
    public static GeneratedProtocol Generate(FacilityDefinition facility, ProtocolSource source, IReadOnlyCollection<string> sensors, IReadOnlyCollection<string> rooms)
    {
        var book = new LimitBook(facility);
        var selected = facility.Sensors
            .Where(s => (sensors.Count == 0 && rooms.Count == 0) || sensors.Contains(s.Id.Value) || rooms.Contains(s.Room.Value))
            .OrderBy(s => s.Id.Value, StringComparer.Ordinal).ToList();
        var scenarios = new List<SensorScenario>();
        var gaps = new List<NotCovered>();
        foreach (var sensor in selected)
        {
            if (SensorScenario.Plan(facility, book, sensor, gaps) is { } scenario)
            {
                scenarios.Add(scenario);
            }
        }
        var files = scenarios.Select(s => (FileName(s), ScenarioText.Write(s, source))).ToList();
        var protocol = new GeneratedProtocol(facility, source, selected, scenarios, gaps, files, sensors, rooms);
        return protocol with { Files = [.. files, (ReadmeName, ProtocolReadme.Write(protocol))] };
    }

    /// <summary>The sensor's id as a file name (ids are the facility's; a character no file name can hold becomes _).</summary>
    public static string FileName(SensorScenario scenario) =>
        string.Concat(scenario.Sensor.Id.Value.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == '\\' ? '_' : c)) + ".json";
}
