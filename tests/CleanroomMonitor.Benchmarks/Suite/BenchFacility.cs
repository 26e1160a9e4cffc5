using System.Text;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>A facility of temperature sensors over ten grade C rooms, published on the default topics.</summary>
internal static class BenchFacility
{
    private const int Rooms = 10;

    /// <summary>The room of the alarm sensors, which raise alarms on purpose (temperature alert limit 30,
    /// action limit 35), apart from the load sensors so that a notification plan can route this room alone.</summary>
    public const string AlarmRoom = "alarms";

    /// <param name="interval">Each sensor's expected reporting interval: a reading later than a few of them is a data gap.</param>
    /// <param name="alarmSensors">Sensors <c>a0</c>, <c>a1</c>, … in <see cref="AlarmRoom"/>; they publish only when a benchmark
    /// makes them breach, so a gap is an hour (no data-gap excursion of theirs within a run).</param>
    public static string Json(int sensors, string interval = "1s", int alarmSensors = 0)
    {
        var json = new StringBuilder("""{ "site": { "id": "bench", "name": "Benchmark", "timeZone": "UTC" }, "rooms": [""");
        json.AppendJoin(",", Enumerable.Range(0, Rooms).Select(r => $$"""{ "id": "r{{r}}", "name": "Room {{r}}", "grade": "C" }"""));
        if (alarmSensors > 0)
        {
            json.Append($$""", { "id": "{{AlarmRoom}}", "name": "Alarm room", "grade": "C", "limits": { "temperature": { "alert": 30, "action": 35 } } }""");
        }
        json.Append("""], "sensors": [""");
        json.AppendJoin(",", Enumerable.Range(0, sensors).Select(s => $$"""{ "id": "s{{s}}", "room": "r{{s % Rooms}}", "parameters": ["temperature"], "interval": "{{interval}}" }"""));
        if (alarmSensors > 0)
        {
            json.Append(',').AppendJoin(",", Enumerable.Range(0, alarmSensors).Select(a =>
                $$"""{ "id": "a{{a}}", "room": "{{AlarmRoom}}", "parameters": ["temperature"], "interval": "{{interval}}", "gapAfter": "1h" }"""));
        }
        return json.Append("]}").ToString();
    }

    public static string[] Topics(int sensors) => [.. Enumerable.Range(0, sensors).Select(s => $"cleanroom/bench/r{s % Rooms}/s{s}")];

    /// <summary>The topic of alarm sensor <c>a&lt;index&gt;</c>.</summary>
    public static string AlarmTopic(int index) => $"cleanroom/bench/{AlarmRoom}/a{index}";
}
