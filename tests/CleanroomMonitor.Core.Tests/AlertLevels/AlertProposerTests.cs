using CleanroomMonitor.Core.AlertLevels;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Tests.AlertLevels;

public sealed class AlertProposerTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 0, 0, 0, TimeSpan.Zero);
    private static readonly RoomStatePeriod[] AtRestAllDay = [new(RoomState.AtRest, Start, Start.AddDays(1))];

    // Sorted: 20.0 20.5 21.0 21.2 21.4 21.5 21.9 22.3 22.8 23.6 (n = 10).
    private static readonly double[] Temperatures = [21.4, 20.0, 22.8, 21.0, 23.6, 21.2, 20.5, 21.9, 22.3, 21.5];

    [Fact]
    public void Propose_TemperatureRange_TakesBothPercentilesByLinearInterpolationRoundedOutward()
    {
        // Tail 0.1 → P90 and P10. R7: h = (n − 1)q. P90: h = 8.1 → 22.8 + 0.1·(23.6 − 22.8) = 22.88 → up to 22.9.
        // P10: h = 0.9 → 20.0 + 0.9·(20.5 − 20.0) = 20.45 → down to 20.4.
        var limits = Limits(Parameter.Temperature, alert: new Band(19, 24), action: new Band(18, 25));

        var proposal = AlertProposer.Propose(Parameter.Temperature, RoomState.AtRest, limits, AtRestAllDay, Samples(Temperatures), 0.1);

        Assert.Equal(AlertLevelMethod.Percentile, proposal.Method);
        Assert.Equal(10, proposal.SampleCount);
        var high = proposal.Levels.Single(l => l.Side == BreachSide.High);
        var low = proposal.Levels.Single(l => l.Side == BreachSide.Low);
        Assert.Equal(22.88, high.Estimate, 1e-9);
        Assert.Equal(22.9, high.Value);
        Assert.Equal(90, high.Percentile);
        Assert.Equal(0.1, high.FractionBreaching, 1e-9);   // 23.6
        Assert.Equal(20.45, low.Estimate, 1e-9);
        Assert.Equal(20.4, low.Value);
        Assert.Equal(0.1, low.FractionBreaching, 1e-9);    // 20.0
        Assert.Null(high.Note);
        Assert.Equal(new Band(18, 25), proposal.CurrentAction);
        Assert.Contains(proposal.Warnings, w => w.Contains("Only 10 samples", StringComparison.Ordinal));
    }

    [Fact]
    public void Propose_PercentileBeyondTheActionLimit_ProposesItsInnerNeighbour()
    {
        var limits = Limits(Parameter.Temperature, alert: Band.None, action: new Band(null, 22.5));

        var high = AlertProposer.Propose(Parameter.Temperature, RoomState.AtRest, limits, AtRestAllDay, Samples(Temperatures), 0.1).Levels.Single();

        Assert.Equal(BreachSide.High, high.Side);
        Assert.Equal(22.4, high.Value);
        Assert.Equal(0.2, high.FractionBreaching, 1e-9);   // 22.8, 23.6
        Assert.Contains("inner neighbour", high.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_DifferentialPressureMinimum_ProposesOnlyALowLevel()
    {
        // Sorted 11.0 12.0 12.5 13.0 13.2 13.4 13.5 14.0 14.1 15.0; P10: h = 0.9 → 11.0 + 0.9·1.0 = 11.9.
        double[] pressures = [13.0, 12.5, 14.1, 11.0, 13.4, 15.0, 12.0, 13.2, 14.0, 13.5];
        var limits = Limits(Parameter.DifferentialPressure, alert: Band.None, action: new Band(10, null));

        var proposal = AlertProposer.Propose(Parameter.DifferentialPressure, RoomState.AtRest, limits, AtRestAllDay, Samples(pressures), 0.1);

        var low = Assert.Single(proposal.Levels);
        Assert.Equal(BreachSide.Low, low.Side);
        Assert.Equal(11.9, low.Value);
        Assert.Equal(10, low.Percentile);
    }

    [Fact]
    public void Propose_DifferentialPressureBelowTheMinimum_ProposesTheActionLimitsInnerNeighbour()
    {
        double[] pressures = [13.0, 12.5, 14.1, 11.0, 13.4, 15.0, 12.0, 13.2, 14.0, 13.5];
        var limits = Limits(Parameter.DifferentialPressure, alert: Band.None, action: new Band(12, null));

        var low = AlertProposer.Propose(Parameter.DifferentialPressure, RoomState.AtRest, limits, AtRestAllDay, Samples(pressures), 0.1).Levels.Single();

        Assert.Equal(12.1, low.Value);
        Assert.NotNull(low.Note);
    }

    [Fact]
    public void Propose_ParticleCounts_FitsNegativeBinomialAndConvertsPerSampleToPerCubicMetre()
    {
        // Geometric fit (r = 1, p = 0.5): 7 counts per sample (see CountFitTests). 7 · 1000 / 28.3 L = 247.35 → 247 /m³.
        var samples = Counts([0, 0, 0, 0, 1, 3, 3], 28.3);
        var limits = Limits(Parameter.ParticlesHalfMicron, alert: Band.None, action: new Band(null, 3520));

        var proposal = AlertProposer.Propose(Parameter.ParticlesHalfMicron, RoomState.AtRest, limits, AtRestAllDay, samples, 0.01);

        Assert.Equal(AlertLevelMethod.NegativeBinomial, proposal.Method);
        Assert.Equal("1/m3", proposal.Unit);
        Assert.Equal(28.3, proposal.SampleLitres);
        Assert.Equal(0.5, proposal.Fit!.P!.Value, 12);
        var level = Assert.Single(proposal.Levels);
        Assert.Equal(7, level.CountPerSample);
        Assert.Equal(247, level.Value);
        Assert.Equal(0.0078125, level.ModelTailProbability!.Value, 1e-9);
        Assert.Equal(0, level.FractionBreaching);
    }

    [Fact]
    public void Propose_FittedCountAtTheActionLimit_ProposesTheLargestCountBelowIt()
    {
        // 7 per sample is 247 /m³ ≥ 200; the largest count below 200 /m³ in 28.3 L: ⌈200 · 28.3 / 1000⌉ − 1 = ⌈5.66⌉ − 1 = 5
        // → 5 · 1000 / 28.3 = 176.7 → 176 /m³. Samples of 5 or more: none of 0,0,0,0,1,3,3.
        var limits = Limits(Parameter.ParticlesHalfMicron, alert: Band.None, action: new Band(null, 200));

        var level = AlertProposer.Propose(Parameter.ParticlesHalfMicron, RoomState.AtRest, limits, AtRestAllDay, Counts([0, 0, 0, 0, 1, 3, 3], 28.3), 0.01).Levels.Single();

        Assert.Equal(5, level.CountPerSample);
        Assert.Equal(176, level.Value);
        Assert.Contains("largest count below it", level.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_AllZeroCounts_ProposesOneParticlePerSampleAndSaysSo()
    {
        // 1 · 1000 / 28.3 = 35.3 → 35 /m³, still above 0 counts (0 /m³).
        var proposal = AlertProposer.Propose(Parameter.ParticlesHalfMicron, RoomState.AtRest, Limits(Parameter.ParticlesHalfMicron, Band.None, new Band(null, 3520)),
            AtRestAllDay, Counts(Enumerable.Repeat(0L, 150).ToArray(), 28.3), 0.01);

        Assert.Equal(AlertLevelMethod.AllZero, proposal.Method);
        Assert.Equal(35, proposal.Levels.Single().Value);
        Assert.Equal(1, proposal.Levels.Single().CountPerSample);
        var warning = Assert.Single(proposal.Warnings);
        Assert.Contains("All 150 samples counted 0", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_FiveMicronGradeA_NoCountLevelFitsInsideTheActionBand()
    {
        // One particle in 28.3 L is 35.3 /m³, already above grade A's 29 /m³.
        var level = AlertProposer.Propose(Parameter.ParticlesFiveMicron, RoomState.AtRest, Limits(Parameter.ParticlesFiveMicron, Band.None, new Band(null, 29)),
            AtRestAllDay, Counts(Enumerable.Repeat(0L, 150).ToArray(), 28.3), 0.01).Levels.Single();

        Assert.Null(level.Value);
        Assert.Contains("no count level lies inside the action band", level.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_PoissonCounts_UsesThePoissonQuantile()
    {
        var level = AlertProposer.Propose(Parameter.ParticlesHalfMicron, RoomState.AtRest, null, AtRestAllDay, Counts([1, 1, 1, 2, 0], 100), 0.01);

        Assert.Equal(AlertLevelMethod.Poisson, level.Method);
        Assert.Equal(5, level.Levels.Single().CountPerSample);
        Assert.Equal(50, level.Levels.Single().Value);   // 5 · 1000 / 100 L, exactly
    }

    [Fact]
    public void Propose_MixedRoomStates_UsesOnlyTheChosenStateAndWarns()
    {
        var middle = Start.AddHours(12);
        RoomStatePeriod[] periods = [new(RoomState.AtRest, Start, middle), new(RoomState.InOperation, middle, Start.AddDays(1))];
        var samples = Enumerable.Range(0, 200).Select(i => new AlertSample(Start.AddMinutes(i * 6), i < 120 ? 20.0 : 30.0)).ToList();

        var proposal = AlertProposer.Propose(Parameter.Temperature, RoomState.InOperation, Limits(Parameter.Temperature, Band.None, new Band(null, 40)),
            periods, samples, 0.01);

        Assert.Equal(80, proposal.SampleCount);
        Assert.Equal(30.0, proposal.Levels.Single().Value);
        Assert.Contains(proposal.Warnings, w => w.Contains("(12 h at rest, 12 h in operation): only the 80 samples taken in operation were used", StringComparison.Ordinal));
    }

    [Fact]
    public void Propose_NoLimitsInForce_ProposesBothSidesAndWarns()
    {
        var samples = Enumerable.Range(0, 100).Select(i => new AlertSample(Start.AddMinutes(i), 20 + i / 100.0)).ToList();

        var proposal = AlertProposer.Propose(Parameter.Temperature, RoomState.AtRest, null, AtRestAllDay, samples, 0.01);

        Assert.Equal([BreachSide.High, BreachSide.Low], proposal.Levels.Select(l => l.Side));
        Assert.Single(proposal.Warnings);
    }

    [Fact]
    public void Propose_NoSampleInTheState_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            AlertProposer.Propose(Parameter.Temperature, RoomState.InOperation, null, AtRestAllDay, Samples(Temperatures), 0.01));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.5)]
    public void Propose_TailOutOfRange_Throws(double tail)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            AlertProposer.Propose(Parameter.Temperature, RoomState.AtRest, null, AtRestAllDay, Samples(Temperatures), tail));
    }

    private static LimitSet Limits(Parameter parameter, Band alert, Band action) =>
        new(new SensorId("s1"), parameter, RoomState.AtRest, alert, action, TimeSpan.Zero, 1, null, 0, ParticleRules.None, "test");

    private static List<AlertSample> Samples(double[] values) =>
        values.Select((v, i) => new AlertSample(Start.AddMinutes(i), v)).ToList();

    private static List<AlertSample> Counts(long[] counts, double litres) =>
        counts.Select((c, i) => new AlertSample(Start.AddMinutes(i), c * 1000 / litres, c, litres)).ToList();
}
