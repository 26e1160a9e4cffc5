using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Fleet;

/// <summary>A generated facility for load: <c>rooms</c> grade C rooms with <c>sensors</c> probes each, every probe
/// reporting <c>rate</c> times a second: temperature probes on MQTT, or T/RH transmitters polled over Modbus (the Vaisala
/// profile's temperature and humidity). It can be written out so the service starts on it.</summary>
internal static class FleetFacility
{
    private static readonly string[] Temperature = ["temperature"];
    private static readonly string[] TemperatureHumidity = ["temperature", "relative_humidity"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string Json(int rooms, int sensorsPerRoom, double ratePerSecond, FleetTransport transport = FleetTransport.Mqtt)
    {
        var interval = Interval(ratePerSecond);
        var facility = new
        {
            site = new { id = "fleet", name = "Generated load facility", timeZone = "UTC" },
            rooms = Enumerable.Range(1, rooms).Select(r => new { id = RoomId(r), name = $"Load room {r}", grade = "C" }),
            sensors = Enumerable.Range(1, rooms).SelectMany(r => Enumerable.Range(1, sensorsPerRoom).Select(s => new
            {
                id = SensorId(r, s),
                room = RoomId(r),
                parameters = transport == FleetTransport.Modbus ? TemperatureHumidity : Temperature,
                interval,
                source = transport == FleetTransport.Modbus ? "modbus" : null,
            })),
        };
        return JsonSerializer.Serialize(facility, Indented);
    }

    public static FacilityDefinition Build(int rooms, int sensorsPerRoom, double ratePerSecond, FleetTransport transport = FleetTransport.Mqtt) =>
        FacilityReader.Parse(Json(rooms, sensorsPerRoom, ratePerSecond, transport), "fleet (generated)");

    /// <summary>The interval of a probe reporting <paramref name="ratePerSecond"/> times a second, in whole milliseconds.</summary>
    public static string Interval(double ratePerSecond) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(1000 / ratePerSecond)):0}ms");

    public static string SensorId(int room, int sensor) => string.Create(CultureInfo.InvariantCulture, $"{RoomId(room)}-s{sensor:000}");

    private static string RoomId(int r) => string.Create(CultureInfo.InvariantCulture, $"r{r:000}");
}
