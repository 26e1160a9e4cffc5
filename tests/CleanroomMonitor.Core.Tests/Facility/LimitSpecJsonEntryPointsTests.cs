using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Replay;
using CleanroomMonitor.Core.Tests.Excursions;

namespace CleanroomMonitor.Core.Tests.Facility;

/// <summary>A limit change's limits (POST /api/limit-changes, "limits") and a replay's proposed limits (POST
/// /api/rooms/{room}/replay, "proposed") are read by one reader, so the same bad limits are refused in the same words:
/// the request, the JSON path (each under its own place in the body), the bad value and what was expected.</summary>
public sealed class LimitSpecJsonEntryPointsTests
{
    private static readonly FacilityDefinition Facility = TrackerFacility.Create();
    private const string ReplayPath = "$.proposed.rooms.cr1.temperature";

    private static IReadOnlyList<ConfigError> AsLimitChange(string limits)
    {
        var (spec, errors) = LimitSpecJson.Read(limits, Parameter.Temperature, "request body", "$.limits");
        Assert.Null(spec);
        return errors;
    }

    private static IReadOnlyList<ConfigError> AsReplay(string limits) =>
        Assert.Throws<ConfigurationException>(() => ProposedLimits.Read($$"""{ "rooms": { "cr1": { "temperature": {{limits}} } } }""", Facility, "request body", "$.proposed")).Errors;

    [Theory]
    [InlineData("""{ "alret": 22 }""")]
    [InlineData("""{ "alert": { "hgih": 22 } }""")]
    [InlineData("""{ "alert": "high" }""")]
    [InlineData("""{ "alert": { "low": 23, "high": 19 } }""")]
    [InlineData("""{ "delay": "soon", "justification": "door openings" }""")]
    [InlineData("""{ "delaySamples": 0 }""")]
    [InlineData("""{ "sign": "positive" }""")]
    [InlineData("""{ "consecutive": 3 }""")]
    [InlineData("""{ "deadband": "0.2" }""")]
    public void Read_SameBadLimits_BothEntryPointsRefuseInTheSameWords(string limits)
    {
        var change = AsLimitChange(limits);
        var replay = AsReplay(limits);

        Assert.NotEmpty(change);
        Assert.All(change.Concat(replay), e => Assert.Equal("request body", e.File));
        Assert.All(change, e => Assert.StartsWith("$.limits", e.Path, StringComparison.Ordinal));
        Assert.Equal(LimitSpecJson.Describe(change).Replace("$.limits", ReplayPath, StringComparison.Ordinal), LimitSpecJson.Describe(replay));
    }

    [Fact]
    public void Read_UnknownBound_NamesTheRequestThePathAndTheValue()
    {
        Assert.Equal("request body: $.limits.alert.hgih = 'hgih': expected low or high",
            LimitSpecJson.Describe(AsLimitChange("""{ "alert": { "hgih": 22 } }""")));
        Assert.Equal($"request body: {ReplayPath}.alert.hgih = 'hgih': expected low or high",
            LimitSpecJson.Describe(AsReplay("""{ "alert": { "hgih": 22 } }""")));
    }

    [Fact]
    public void Read_MisspeltKey_NamesTheKnownKeysAtItsPath()
    {
        var error = Assert.Single(AsLimitChange("""{ "alret": 22 }"""));

        Assert.Equal("$.limits.alret", error.Path);
        Assert.Contains("a known key: alert, action", error.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GoodLimits_BothEntryPointsReadTheSameSpec()
    {
        const string limits = """{ "alert": { "low": 19.5, "high": 22 }, "delay": "60s", "justification": "door openings under 60 s" }""";

        var (spec, errors) = LimitSpecJson.Read(limits, Parameter.Temperature, "request body", "$.limits");
        var proposal = ProposedLimits.Read($$"""{ "rooms": { "cr1": { "temperature": {{limits}} } } }""", Facility, "request body", "$.proposed");

        Assert.Empty(errors);
        Assert.Equal(spec, proposal.Rooms[new RoomId("cr1")][Parameter.Temperature]);
    }
}
