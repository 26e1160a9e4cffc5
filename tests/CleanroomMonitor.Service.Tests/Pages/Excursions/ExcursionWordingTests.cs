using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Service.Pages.Excursions;

namespace CleanroomMonitor.Service.Tests.Pages.Excursions;

/// <summary>The rule sentences are read from the rule texts the real <see cref="LimitEvaluator"/> writes, so a change of
/// those texts fails here rather than printing raw text on the page.</summary>
public sealed class ExcursionWordingTests
{
    private const string Nb = "\u202F";   // the board's thousands separator
    private static readonly SensorId Pc1 = new("pc1");
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static LimitSet Set(Parameter parameter, Band alert, Band action, int samples = 1, TimeSpan delay = default, double deadband = 0,
        ParticleRules? rules = null) =>
        new(Pc1, parameter, RoomState.AtRest, alert, action, delay, samples, null, deadband, rules ?? ParticleRules.None, "test");

    private static Reading Particles(Parameter parameter, int seconds, long count, double litres = 28.3) =>
        new(Pc1, new RoomId("cr1"), parameter, count * 1000.0 / litres, T0.AddSeconds(seconds), TimeSource.Device, T0.AddSeconds(seconds), count, litres);

    private static Reading Value(Parameter parameter, int seconds, double value) =>
        new(Pc1, new RoomId("cr1"), parameter, value, T0.AddSeconds(seconds), TimeSource.Device, T0.AddSeconds(seconds));

    /// <summary>Runs the readings through the rule state machine and records the excursion it starts, as the tracker does.</summary>
    private static Excursion Raised(LimitSet set, params Reading[] readings)
    {
        var evaluator = new LimitEvaluator();
        var verdict = readings.Select(r => evaluator.Evaluate(r, set)).Single(v => v.Kind == VerdictKind.Start);
        return new Excursion(Guid.NewGuid(), ExcursionKind.Particles, verdict.Level, Pc1, new RoomId("cr1"), set.Parameter, Grade.A, RoomState.AtRest,
            verdict.Rule, verdict.Value, verdict.Limit, set.Describe(), set.Version, verdict.Since, null, verdict.Peak?.Value, verdict.Peak?.At,
            ExcursionStatus.Unacknowledged, [], [], "1");
    }

    private static string Rule(Excursion e) => ExcursionWording.Rule(e, RecordedLimits.TryParse(e.Limits, out var l) ? l : null);

    [Fact]
    public void Value_ParticlePeakWithManyDecimals_WholeNumberWithThousandsAndUnit()
    {
        Assert.Equal($"266{Nb}907 /m³", ExcursionWording.Value(Parameter.ParticlesHalfMicron, 266906.93237227056));
        Assert.Equal($"3{Nb}520 /m³", ExcursionWording.Value(Parameter.ParticlesHalfMicron, 3520));
    }

    [Theory]
    [InlineData(Parameter.DifferentialPressure, 12.345, "12.3 Pa")]
    [InlineData(Parameter.Temperature, 25.04999, "25.0 °C")]
    [InlineData(Parameter.RelativeHumidity, 61.27, "61.3 % RH")]
    public void Value_OtherParameters_OneDecimalAndReadableUnit(Parameter parameter, double value, string expected) =>
        Assert.Equal(expected, ExcursionWording.Value(parameter, value));

    [Fact]
    public void Value_None_Dash() => Assert.Equal("—", ExcursionWording.Value(Parameter.Temperature, null));

    [Fact]
    public void Rule_SingleSampleOverActionLimit_SentenceWithLimitAndNoDelay()
    {
        var e = Raised(Set(Parameter.ParticlesHalfMicron, Band.None, new Band(null, 3_520)), Particles(Parameter.ParticlesHalfMicron, 0, 7553));

        Assert.Equal($"Raised when ≥0.5 µm particles reached or exceeded the action limit of 3{Nb}520 /m³ on 1 sample (no delay).", Rule(e));
    }

    [Fact]
    public void Rule_ThreeSamplesOverAlertLimit_StayedAboveForThreeConsecutiveSamples()
    {
        var set = Set(Parameter.ParticlesHalfMicron, new Band(null, 2_000), new Band(null, 3_520), samples: 3);

        var e = Raised(set, Particles(Parameter.ParticlesHalfMicron, 0, 60), Particles(Parameter.ParticlesHalfMicron, 60, 61), Particles(Parameter.ParticlesHalfMicron, 120, 62));

        Assert.Equal($"Raised when ≥0.5 µm particles stayed at or above the alert limit of 2{Nb}000 /m³ for 3 consecutive samples.", Rule(e));
    }

    [Fact]
    public void Rule_PressureBelowMinimumWithDelay_FellBelowTheMinimumForTheDelay()
    {
        var set = Set(Parameter.DifferentialPressure, new Band(12, null), new Band(10, null), delay: TimeSpan.FromMinutes(2));

        var e = Raised(set, Value(Parameter.DifferentialPressure, 0, 8.04), Value(Parameter.DifferentialPressure, 120, 8.1));

        Assert.Equal("Raised when differential pressure stayed at or below the action minimum of 10.0 Pa for at least 2 min 0 s.", Rule(e));
    }

    [Fact]
    public void Rule_ConsecutiveCounts_SentenceForRuleK()
    {
        var set = Set(Parameter.ParticlesFiveMicron, Band.None, new Band(null, 29), samples: 100, rules: new ParticleRules(3, null, null, null));

        var e = Raised(set, Particles(Parameter.ParticlesFiveMicron, 0, 1), Particles(Parameter.ParticlesFiveMicron, 60, 1), Particles(Parameter.ParticlesFiveMicron, 120, 1));

        Assert.Equal("Raised when 3 consecutive samples of ≥5.0 µm particles each counted at least one particle.", Rule(e));
    }

    [Fact]
    public void Rule_NOfM_SentenceWithTheAlertLimit()
    {
        var set = Set(Parameter.ParticlesFiveMicron, new Band(null, 20), new Band(null, 29_000), samples: 100, rules: new ParticleRules(null, 2, 10, null));

        var e = Raised(set, Particles(Parameter.ParticlesFiveMicron, 0, 1), Particles(Parameter.ParticlesFiveMicron, 60, 0), Particles(Parameter.ParticlesFiveMicron, 120, 1));

        Assert.Equal("Raised when 2 of the last 10 samples of ≥5.0 µm particles reached the alert limit of 20 /m³.", Rule(e));
    }

    [Fact]
    public void Rule_CumulativeVolume_SentenceWithTheConcentrationAndActionLimit()
    {
        var set = Set(Parameter.ParticlesFiveMicron, Band.None, new Band(null, 29), samples: 100, rules: new ParticleRules(null, null, null, 1_000));
        // One count per 28.3 L is 35 /m³: the delay of 100 samples keeps the single-sample limit quiet, so the volume rule fires first.
        var readings = Enumerable.Range(0, 36).Select(i => Particles(Parameter.ParticlesFiveMicron, i * 60, 1)).ToArray();

        var e = Raised(set, readings);

        Assert.Matches(@"^Raised when ≥5\.0 µm particles counted over the last 1 0\d\d L sampled came to \d+ /m³, at or above the action limit of 29 /m³\.$",
            Rule(e).Replace(Nb, " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_NotFromAValue_RecordedTextAsASentence()
    {
        var e = new Excursion(Guid.NewGuid(), ExcursionKind.DataGap, LimitLevel.Alert, Pc1, new RoomId("cr1"), null, Grade.A, RoomState.AtRest,
            "no reading for more than 00:05:00", null, null, null, null, T0, null, null, null, ExcursionStatus.Unacknowledged, [], [], "1");

        Assert.Equal("No reading for more than 00:05:00.", ExcursionWording.Rule(e, null));
    }

    [Fact]
    public void Limits_UpperLimitsNoDelayNoRules_AllowedRangeWordsAndNothingForRulesOff()
    {
        Assert.True(RecordedLimits.TryParse(Set(Parameter.ParticlesHalfMicron, new Band(null, 200_000), new Band(null, 352_000)).Describe(), out var limits));

        var lines = ExcursionWording.Limits(Parameter.ParticlesHalfMicron, limits);

        Assert.Equal([$"Alert limit 200{Nb}000 /m³", $"Action limit 352{Nb}000 /m³", "No alarm delay: one sample beyond a limit raises it"], lines);
    }

    [Fact]
    public void Limits_LowerBoundsDeadbandAndEveryRule_OneLineEach()
    {
        Assert.True(RecordedLimits.TryParse(Set(Parameter.DifferentialPressure, new Band(12, null), new Band(10, null), samples: 3,
            delay: TimeSpan.FromSeconds(30), deadband: 0.5, rules: new ParticleRules(3, 2, 10, 1_000)).Describe(), out var limits));

        var lines = ExcursionWording.Limits(Parameter.DifferentialPressure, limits);

        Assert.Equal("Minimum 12.0 Pa (alert)", lines[0]);
        Assert.Equal("Minimum 10.0 Pa (action)", lines[1]);
        Assert.Equal("Alarm delay: at least 30 s and 3 consecutive samples", lines[2]);
        Assert.Equal("Returns to normal only 0.5 Pa inside the limit (deadband)", lines[3]);
        Assert.StartsWith("Consecutive counts: 3 samples in a row", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("Repeated alerts: 2 of the last 10 samples", lines[5], StringComparison.Ordinal);
        Assert.StartsWith($"Cumulative volume: the count over the last 1{Nb}000 L", lines[6], StringComparison.Ordinal);
        Assert.Equal(7, lines.Count);
    }

    [Fact]
    public void Limits_TwoSidedBand_RangeWithBothBounds()
    {
        Assert.True(RecordedLimits.TryParse(Set(Parameter.Temperature, new Band(18, 23), new Band(16, 25)).Describe(), out var limits));

        Assert.Equal("Alert range 18.0 to 23.0 °C (a value at either bound breaches it)", ExcursionWording.Limits(Parameter.Temperature, limits)[0]);
    }
}
