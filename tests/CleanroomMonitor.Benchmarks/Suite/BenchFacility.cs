using System.Text;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>A facility of temperature sensors over ten grade C rooms, published on the default topics.</summary>
internal static class BenchFacility
{
    private const int Rooms = 10;

    /// <param name="interval">Each sensor's expected reporting interval: a reading later than a few of them is a data gap.</param>
    public static string Json(int sensors, string interval = "1s")
    {
        var json = new StringBuilder("""{ "site": { "id": "bench", "name": "Benchmark", "timeZone": "UTC" }, "rooms": [""");
        json.AppendJoin(",", Enumerable.Range(0, Rooms).Select(r => $$"""{ "id": "r{{r}}", "name": "Room {{r}}", "grade": "C" }"""));
        json.Append("""], "sensors": [""");
        json.AppendJoin(",", Enumerable.Range(0, sensors).Select(s => $$"""{ "id": "s{{s}}", "room": "r{{s % Rooms}}", "parameters": ["temperature"], "interval": "{{interval}}" }"""));
        return json.Append("]}").ToString();
    }

    public static string[] Topics(int sensors) => [.. Enumerable.Range(0, sensors).Select(s => $"cleanroom/bench/r{s % Rooms}/s{s}")];
}
