using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Service.Live;

namespace CleanroomMonitor.Service.Tests.Live;

/// <summary>The limits read as the allowed range, not as the condition that raises an alarm.</summary>
public sealed class LimitTextTests
{
    private static LimitSet Set(Parameter parameter, Band alert, Band action, ParticleRules? rules = null) =>
        new(new SensorId("s1"), parameter, RoomState.AtRest, alert, action, TimeSpan.Zero, 1, null, 0, rules ?? ParticleRules.None, "test");

    [Fact]
    public void Describe_UpperParticleLimits_NamesEachLimitWithThousandsAndUnit() =>
        Assert.Equal("Alert limit 2\u202F000 /m³ · Action limit 3\u202F520 /m³",
            LimitText.Describe(Set(Parameter.ParticlesHalfMicron, new Band(null, 2000), new Band(null, 3520))));

    [Fact]
    public void Describe_LowerPressureLimits_ReadAsMinimum() =>
        Assert.Equal("Minimum 12.5 Pa (alert) · 10.0 Pa (action)",
            LimitText.Describe(Set(Parameter.DifferentialPressure, new Band(12.5, null), new Band(10, null))));

    [Fact]
    public void Describe_TwoSidedTemperature_ReadsAsRanges() =>
        Assert.Equal("Alert range 18.0–23.0 °C · Action range 16.0–25.0 °C",
            LimitText.Describe(Set(Parameter.Temperature, new Band(18, 23), new Band(16, 25))));

    [Fact]
    public void Describe_OnlyAnActionLimit_ShowsThatOne() =>
        Assert.Equal("Action limit 29 /m³", LimitText.Describe(Set(Parameter.ParticlesFiveMicron, Band.None, new Band(null, 29))));

    [Fact]
    public void Describe_MixedBands_EachBandInItsOwnWords() =>
        Assert.Equal("Alert range 30.0–60.0 %RH · Action limit 70.0 %RH",
            LimitText.Describe(Set(Parameter.RelativeHumidity, new Band(30, 60), new Band(null, 70))));

    [Fact]
    public void Describe_NoBands_SaysRulesOnlyOrNotJudged()
    {
        Assert.Equal("rules only", LimitText.Describe(Set(Parameter.ParticlesFiveMicron, Band.None, Band.None, new ParticleRules(3, null, null, null))));
        Assert.Equal("not judged", LimitText.Describe(null));
    }

    [Fact]
    public void Describe_RecordedBounds_SameWordsAsTheBoard_NoneWithoutBands()
    {
        Assert.Equal("Minimum 12.5 Pa (alert) · 10.0 Pa (action)", LimitText.Describe(Parameter.DifferentialPressure, new Band(12.5, null), new Band(10, null)));
        Assert.Equal("Alert limit 2\u202F000 /m³ · Action limit 3\u202F520 /m³", LimitText.Describe(Parameter.ParticlesHalfMicron, new Band(null, 2000), new Band(null, 3520)));
        Assert.Equal("none", LimitText.Describe(Parameter.Temperature, Band.None, Band.None));
    }
}
