using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Ingest;

public sealed class PressureDifferencesTests
{
    private const string Json = """
        {
          "site": { "id": "s", "name": "S", "timeZone": "UTC" },
          "rooms": [ { "id": "cr1", "name": "Suite", "grade": "B", "adjacent": ["al1"] }, { "id": "al1", "name": "Airlock", "grade": "C", "adjacent": ["cr1"] } ],
          "sensors": [
            { "id": "ap1", "room": "cr1", "parameters": ["absolute_pressure"], "interval": "10s" },
            { "id": "ap2", "room": "al1", "parameters": ["absolute_pressure"], "interval": "10s" },
            { "id": "dpc", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1", "source": "computed", "from": ["ap1", "ap2"] }
          ]
        }
        """;

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly PressureDifferences _sut = new(FacilityReader.Parse(Json, "f.json"));

    private static Reading Absolute(string sensor, double pa, int seconds) =>
        new(new SensorId(sensor), new RoomId(sensor == "ap1" ? "cr1" : "al1"), Parameter.AbsolutePressure, pa, T0.AddSeconds(seconds), TimeSource.Device, T0.AddSeconds(seconds));

    [Fact]
    public void Derive_BothRoomsFresh_GivesThisRoomMinusTheReference()
    {
        Assert.Empty(_sut.Derive(Absolute("ap2", 101_325, 0)));

        var dp = Assert.Single(_sut.Derive(Absolute("ap1", 101_337.25, 3)));

        Assert.Equal(new SensorId("dpc"), dp.Sensor);
        Assert.Equal(Parameter.DifferentialPressure, dp.Parameter);
        Assert.Equal(12.25, dp.Value, 6);
        Assert.Equal(T0.AddSeconds(3), dp.Timestamp);
    }

    [Fact]
    public void Derive_OtherRoomStale_GivesNothing()
    {
        Assert.Empty(_sut.Derive(Absolute("ap2", 101_325, 0)));

        Assert.Empty(_sut.Derive(Absolute("ap1", 101_337, 11)));
    }

    [Fact]
    public void Derive_FaultyReading_IsNotUsed()
    {
        Assert.Empty(_sut.Derive(Absolute("ap2", 101_325, 0)));

        Assert.Empty(_sut.Derive(Absolute("ap1", 101_337, 1) with { Faults = SampleFaults.Service }));
    }

    [Theory]
    [InlineData("\"from\": [\"ap1\", \"ap2\"]", "\"from\": [\"ap2\", \"ap1\"]", "$.sensors[2].from[0]")]
    [InlineData("\"from\": [\"ap1\", \"ap2\"]", "\"from\": [\"ap1\"]", "$.sensors[2].from")]
    [InlineData("\"from\": [\"ap1\", \"ap2\"]", "\"from\": [\"ap1\", \"nope\"]", "$.sensors[2].from[1]")]
    public void Parse_BadComputedSource_NamesThePath(string from, string to, string path)
    {
        var ex = Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(Json.Replace(from, to, StringComparison.Ordinal), "f.json"));

        Assert.Contains(ex.Errors, e => e.Path == path);
    }
}
