using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Tests.Facility;

public sealed class FacilityReaderSparkplugTests
{
    private const string File = "facility.json";

    private static string With(string sensors) => $$"""
        {
          "site": { "id": "site1", "name": "Test site", "timeZone": "UTC" },
          "rooms": [ { "id": "cr1", "name": "Suite 1", "grade": "C" } ],
          "sensors": [ {{sensors}} ]
        }
        """;

    private const string Climate = """
        { "id": "th1", "room": "cr1", "parameters": ["temperature", "relative_humidity"], "source": "sparkplug",
          "sparkplug": { "group": "plant", "edgeNode": "gw1", "metrics": { "temperature": "Room/T", "relative_humidity": "Room/RH" } } }
        """;

    private static ConfigError[] Errors(string json) => Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(json, File)).Errors.ToArray();

    [Fact]
    public void Parse_SparkplugSensor_MapsEveryParameterToItsMetric()
    {
        var facility = FacilityReader.Parse(With(Climate + """
            , { "id": "pc1", "room": "cr1", "parameters": ["particles_0_5um"], "source": "sparkplug",
                "sparkplug": { "group": "plant", "edgeNode": "gw1", "device": "pc-7", "metrics": { "particles_0_5um": "N05", "volume_l": "V" } } }
            """), File);

        var th = facility.Sensors[0];
        Assert.Equal(SensorSource.Sparkplug, th.Source);
        Assert.Null(th.Topic);
        Assert.Equal("plant/gw1", th.Sparkplug!.ToString());
        Assert.Equal("Room/RH", th.Sparkplug.Metrics[Parameter.RelativeHumidity]);
        Assert.Equal(("pc-7", "V"), (facility.Sensors[1].Sparkplug!.Device, facility.Sensors[1].Sparkplug!.VolumeMetric));
    }

    public static TheoryData<string, string, string?> BadSensors() => new()
    {
        { """{ "id": "th1", "room": "cr1", "parameters": ["temperature"], "source": "sparkplug" }""", "$.sensors[0].sparkplug", null },
        { """{ "id": "th1", "room": "cr1", "parameters": ["temperature"], "sparkplug": { "group": "g", "edgeNode": "n", "metrics": { "temperature": "T" } } }""",
            "$.sensors[0].sparkplug", "g" },
        { """{ "id": "th1", "room": "cr1", "parameters": ["temperature"], "source": "sparkplug", "sparkplug": { "group": "a/b", "edgeNode": "n", "metrics": { "temperature": "T" } } }""",
            "$.sensors[0].sparkplug.group", "a/b" },
        { """{ "id": "th1", "room": "cr1", "parameters": ["temperature"], "source": "sparkplug", "sparkplug": { "group": "g", "edgeNode": "n+", "metrics": { "temperature": "T" } } }""",
            "$.sensors[0].sparkplug.edgeNode", "n+" },
        { """{ "id": "th1", "room": "cr1", "parameters": ["temperature", "co2"], "source": "sparkplug", "sparkplug": { "group": "g", "edgeNode": "n", "metrics": { "temperature": "T" } } }""",
            "$.sensors[0].sparkplug.metrics.co2", null },
        { """{ "id": "th1", "room": "cr1", "parameters": ["temperature"], "source": "sparkplug", "sparkplug": { "group": "g", "edgeNode": "n", "metrics": { "temperature": "T", "o2": "O" } } }""",
            "$.sensors[0].sparkplug.metrics.o2", "O" },
        { """{ "id": "th1", "room": "cr1", "parameters": ["temperature"], "source": "sparkplug", "sparkplug": { "group": "g", "edgeNode": "n", "metrics": { "temperature": "" } } }""",
            "$.sensors[0].sparkplug.metrics.temperature", "" },
        { """{ "id": "pc1", "room": "cr1", "parameters": ["particles_0_5um"], "source": "sparkplug", "sparkplug": { "group": "g", "edgeNode": "n", "metrics": { "particles_0_5um": "N" } } }""",
            "$.sensors[0].sparkplug.metrics.volume_l", null },
        { """{ "id": "th1", "room": "cr1", "parameters": ["temperature"], "source": "sparkplug", "topic": "a/b", "sparkplug": { "group": "g", "edgeNode": "n", "metrics": { "temperature": "T" } } }""",
            "$.sensors[0].topic", "a/b" },
    };

    [Theory, MemberData(nameof(BadSensors))]
    public void Parse_BadSparkplugMapping_ErrorNamesFilePathAndValue(string sensor, string path, string? value)
    {
        var error = Assert.Single(Errors(With(sensor)));

        Assert.Equal((File, path, value), (error.File, error.Path, error.Value));
    }

    [Fact]
    public void Parse_SameMetricMappedByTwoSensors_Refused()
    {
        var errors = Errors(With(Climate + ", " + Climate.Replace("\"th1\"", "\"th2\"", StringComparison.Ordinal)));

        Assert.Equal(["$.sensors[1].sparkplug.metrics.temperature", "$.sensors[1].sparkplug.metrics.relative_humidity"], errors.Select(e => e.Path));
        Assert.All(errors, e => Assert.Contains("$.sensors[0] has it", e.Expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SameMetricNameOnAnotherDevice_Allowed()
    {
        var other = Climate.Replace("\"th1\"", "\"th2\"", StringComparison.Ordinal).Replace("\"edgeNode\": \"gw1\"", "\"edgeNode\": \"gw1\", \"device\": \"d2\"", StringComparison.Ordinal);

        Assert.Equal(2, FacilityReader.Parse(With(Climate + ", " + other), File).Sensors.Count);
    }
}
