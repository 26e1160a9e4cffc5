using System.Globalization;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Simulators.Fleet;

/// <summary>A generated facility for load: <c>rooms</c> grade C rooms with <c>sensors</c> temperature probes each,
/// every probe reporting <c>rate</c> times a second. It can be written out so the service starts on it.</summary>
internal static class FleetFacility
{
    private static readonly string[] Temperature = ["temperature"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Json(int rooms, int sensorsPerRoom, double ratePerSecond)
    {
        var interval = string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(1000 / ratePerSecond)):0}ms");
        var facility = new
        {
            site = new { id = "fleet", name = "Generated load facility", timeZone = "UTC" },
            rooms = Enumerable.Range(1, rooms).Select(r => new { id = RoomId(r), name = $"Load room {r}", grade = "C" }),
            sensors = Enumerable.Range(1, rooms).SelectMany(r => Enumerable.Range(1, sensorsPerRoom).Select(s => new
            {
                id = string.Create(CultureInfo.InvariantCulture, $"{RoomId(r)}-s{s:000}"),
                room = RoomId(r),
                parameters = Temperature,
                interval,
            })),
        };
        return JsonSerializer.Serialize(facility, Indented);
    }

    public static FacilityDefinition Build(int rooms, int sensorsPerRoom, double ratePerSecond) =>
        FacilityReader.Parse(Json(rooms, sensorsPerRoom, ratePerSecond), "fleet (generated)");

    private static string RoomId(int r) => string.Create(CultureInfo.InvariantCulture, $"r{r:000}");
}
