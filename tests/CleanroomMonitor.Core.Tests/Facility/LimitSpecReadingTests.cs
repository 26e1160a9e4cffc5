using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Tests.Excursions;

namespace CleanroomMonitor.Core.Tests.Facility;

/// <summary>The limits blocks read through the typed model: the serializer refuses unknown keys and wrong types, the
/// reader what depends on the parameter, ranges and the two shapes of a band.</summary>
public sealed class LimitSpecReadingTests
{
    private const string Temperature = "\"temperature\": { \"alert\": { \"low\": 19, \"high\": 23 }, \"action\": { \"low\": 18, \"high\": 25 } }";

    private static ConfigurationException Refused(string replacement) =>
        Assert.Throws<ConfigurationException>(() => FacilityReader.Parse(TrackerFacility.Json.Replace(Temperature, replacement, StringComparison.Ordinal), "f.json"));

    [Fact]
    public void Parse_MisspeltLimitKey_RefusedWithItsPath()
    {
        var ex = Refused("\"temperature\": { \"alret\": 23 }");

        Assert.StartsWith("$.rooms[0].limits.temperature.alret", Assert.Single(ex.Errors).Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"temperature\": { \"alert\": 23, \"sign\": \"positive\" }", "$.rooms[0].limits.temperature.sign", "differential_pressure")]
    [InlineData("\"temperature\": { \"alert\": 23, \"consecutive\": 3 }", "$.rooms[0].limits.temperature.consecutive", "particle counts")]
    [InlineData("\"temperature\": { \"atRest\": { \"inOperation\": { \"alert\": 23 } } }", "$.rooms[0].limits.temperature.atRest.inOperation", "top-level")]
    public void Parse_KeyNotForThisParameter_NamesWhoHasIt(string replacement, string path, string expected)
    {
        var error = Assert.Single(Refused(replacement).Errors, e => e.Path == path);

        Assert.Contains(expected, error.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"temperature\": { \"alert\": \"high\" }", "$.rooms[0].limits.temperature.alert", "a number (upper limit)")]
    [InlineData("\"temperature\": { \"alert\": 23, \"delaySamples\": 0 }", "$.rooms[0].limits.temperature.delaySamples", "from 1 to 1000")]
    [InlineData("\"temperature\": { \"alert\": 23, \"delay\": \"2d\", \"justification\": \"x\" }", "$.rooms[0].limits.temperature.delay", "0 to 24h")]
    [InlineData("\"temperature\": { \"alert\": 23, \"deadband\": -1 }", "$.rooms[0].limits.temperature.deadband", "non-negative")]
    public void Parse_ValueOutOfRangeOrShape_ReportedWithTheOthers(string replacement, string path, string expected)
    {
        var ex = Refused(replacement);

        Assert.Contains(ex.Errors, e => e.Path == path && e.Expected.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ParticleRulesAndNoneAction_Read()
    {
        var json = TrackerFacility.Json.Replace(Temperature, Temperature + ", \"particles_5_0um\": { \"alert\": 20, \"consecutive\": 4, \"occurrences\": { \"n\": 2, \"m\": 8 }, \"cumulativeLitres\": 500 }", StringComparison.Ordinal);

        var facility = FacilityReader.Parse(json, "f.json");

        var room = facility.Rooms[0];

        var spec = room.Limits[Parameter.ParticlesFiveMicron];
        Assert.Equal((20d, 4, 2, 8, 500d), (spec.Alert.High!.Value, spec.ConsecutiveSamples!.Value, spec.OccurrencesN!.Value, spec.OccurrencesM!.Value, spec.CumulativeVolumeLitres!.Value));
        Assert.Equal(new Band(19, 23), room.Limits[Parameter.Temperature].Alert);
        Assert.True(facility.GradeLimits[Grade.D][Parameter.ParticlesFiveMicron].InOperation!.NoActionLimit);
    }
}
