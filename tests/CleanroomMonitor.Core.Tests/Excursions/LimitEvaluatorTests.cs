using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Excursions;

public sealed class LimitEvaluatorTests
{
    private static readonly SensorId Sensor = new("pc1");
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private readonly LimitEvaluator _sut = new();

    private static LimitSet Limits(double? alert = 10, double? action = 20, TimeSpan? delay = null, int samples = 1, double deadband = 0,
        ParticleRules? rules = null, Parameter parameter = Parameter.Temperature) =>
        new(Sensor, parameter, RoomState.AtRest, new Band(null, alert), new Band(null, action), delay ?? TimeSpan.Zero, samples,
            delay is null ? null : "door", deadband, rules ?? ParticleRules.None, "test");

    private static Reading At(int seconds, double value) =>
        new(Sensor, new RoomId("cr1"), Parameter.Temperature, value, T0.AddSeconds(seconds), TimeSource.Device, T0.AddSeconds(seconds));

    private static Reading Count(int seconds, long count, double litres = 28.3) =>
        new(Sensor, new RoomId("cr1"), Parameter.ParticlesFiveMicron, count * 1000 / litres, T0.AddSeconds(seconds), TimeSource.Device,
            T0.AddSeconds(seconds), count, litres);

    [Theory]
    [InlineData(9.99, VerdictKind.None, LimitLevel.Normal)]
    [InlineData(10, VerdictKind.Start, LimitLevel.Alert)]
    [InlineData(20, VerdictKind.Start, LimitLevel.Action)]
    public void Evaluate_AtBoundary_LimitsAreInclusive(double value, VerdictKind kind, LimitLevel level)
    {
        var verdict = _sut.Evaluate(At(0, value), Limits());

        Assert.Equal(kind, verdict.Kind);
        Assert.Equal(level, verdict.Level);
    }

    [Fact]
    public void Evaluate_BreachShorterThanDelay_RaisesNothing()
    {
        var limits = Limits(delay: TimeSpan.FromSeconds(60));

        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(0, 15), limits).Kind);
        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(30, 15), limits).Kind);
        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(45, 5), limits).Kind);   // door closed again
        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(90, 15), limits).Kind);  // a new opening starts the clock again
    }

    [Fact]
    public void Evaluate_BreachLastingTheDelay_StartsAtTheFirstBreachingSample()
    {
        var limits = Limits(delay: TimeSpan.FromSeconds(60));
        _sut.Evaluate(At(0, 15), limits);
        _sut.Evaluate(At(30, 16), limits);

        var verdict = _sut.Evaluate(At(60, 17), limits);

        Assert.Equal(VerdictKind.Start, verdict.Kind);
        Assert.Equal(T0, verdict.Since);
        Assert.Equal("value ≥ alert limit 10", verdict.Rule);
    }

    [Fact]
    public void Evaluate_DelayInSamples_NeedsThatManyConsecutive()
    {
        var limits = Limits(samples: 3) with { Justification = "x" };

        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(0, 15), limits).Kind);
        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(1, 15), limits).Kind);
        Assert.Equal(VerdictKind.Start, _sut.Evaluate(At(2, 15), limits).Kind);
    }

    [Fact]
    public void Evaluate_AlertThenAction_Escalates()
    {
        _sut.Evaluate(At(0, 12), Limits());

        var verdict = _sut.Evaluate(At(10, 25), Limits());

        Assert.Equal(VerdictKind.Escalate, verdict.Kind);
        Assert.Equal(LimitLevel.Action, verdict.Level);
    }

    [Fact]
    public void Evaluate_ReturnInsideDeadband_WaitsUntilClearOfIt()
    {
        var limits = Limits(deadband: 1);
        _sut.Evaluate(At(0, 12), limits);

        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(10, 9.5), limits).Kind);
        Assert.Equal(VerdictKind.Return, _sut.Evaluate(At(20, 8.9), limits).Kind);
        Assert.Equal(LimitLevel.Normal, _sut.Reported);
    }

    [Fact]
    public void Evaluate_ActionBackToAlert_StaysOpenWithoutDeescalating()
    {
        _sut.Evaluate(At(0, 25), Limits());

        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(10, 12), Limits()).Kind);
        Assert.Equal(LimitLevel.Action, _sut.Reported);
    }

    [Fact]
    public void Evaluate_ConsecutiveCounts_RaiseAnAlertBelowTheLimit()
    {
        // Annex 1 Table 5 note 2: repeated single counts may be a real event although each sample passes.
        var limits = Limits(alert: null, action: 1000, rules: new ParticleRules(3, null, null, null), parameter: Parameter.ParticlesFiveMicron);

        Assert.Equal(VerdictKind.None, _sut.Evaluate(Count(0, 1), limits).Kind);
        Assert.Equal(VerdictKind.None, _sut.Evaluate(Count(60, 1), limits).Kind);
        var verdict = _sut.Evaluate(Count(120, 2), limits);

        Assert.Equal(VerdictKind.Start, verdict.Kind);
        Assert.Equal(LimitLevel.Alert, verdict.Level);
        Assert.Equal("3 consecutive ≥5.0 µm samples with counts", verdict.Rule);
    }

    [Fact]
    public void Evaluate_ConsecutiveBrokenByAZero_StartsCountingAgain()
    {
        var limits = Limits(alert: null, action: 1000, rules: new ParticleRules(3, null, null, null), parameter: Parameter.ParticlesFiveMicron);
        _sut.Evaluate(Count(0, 1), limits);
        _sut.Evaluate(Count(60, 1), limits);
        _sut.Evaluate(Count(120, 0), limits);

        Assert.Equal(VerdictKind.None, _sut.Evaluate(Count(180, 1), limits).Kind);
        Assert.Equal(VerdictKind.None, _sut.Evaluate(Count(240, 1), limits).Kind);
    }

    [Fact]
    public void Evaluate_NOfMAlertSamples_RaiseAnAlert()
    {
        // Alert at 30/m³: one count in 28.3 L is 35/m³. 2 of the last 5 samples over it raise the rule, scattered.
        var limits = Limits(alert: 30, action: 1000, rules: new ParticleRules(null, 2, 5, null), parameter: Parameter.ParticlesFiveMicron)
            with { Delay = TimeSpan.FromMinutes(10), Justification = "single counts" };

        Assert.Equal(VerdictKind.None, _sut.Evaluate(Count(0, 1), limits).Kind);
        Assert.Equal(VerdictKind.None, _sut.Evaluate(Count(60, 0), limits).Kind);
        var verdict = _sut.Evaluate(Count(120, 1), limits);

        Assert.Equal(VerdictKind.Start, verdict.Kind);
        Assert.Contains("2 of the last 5", verdict.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CumulativeOverOneCubicMetre_RaisesActionWhenTheSumPassesTheLimit()
    {
        // 35 one-minute samples of 28.3 L ≈ 1 m³; 30 single counts in that window = 30/m³ ≥ 29, though no rule above fires.
        var limits = Limits(alert: null, action: 29, rules: new ParticleRules(null, null, null, 1000), parameter: Parameter.ParticlesFiveMicron)
            with { Delay = TimeSpan.FromHours(1), Justification = "cumulative only" };
        Verdict verdict = Verdict.None;
        for (var i = 0; i < 36 && verdict.Kind == VerdictKind.None; i++)
        {
            verdict = _sut.Evaluate(Count(i * 60, i % 6 == 5 ? 0 : 1), limits);
        }

        Assert.Equal(VerdictKind.Start, verdict.Kind);
        Assert.Equal(LimitLevel.Action, verdict.Level);
        Assert.Contains("cumulative", verdict.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ClockStepsBackwards_DelayDoesNotCompleteThroughTheStep()
    {
        var limits = Limits(delay: TimeSpan.FromSeconds(60));
        _sut.Evaluate(At(100, 15), limits);

        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(0, 15), limits).Kind);
        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(50, 15), limits).Kind);
        Assert.Equal(VerdictKind.Start, _sut.Evaluate(At(160, 15), limits).Kind);
    }

    [Fact]
    public void Restore_OpenExcursion_ContinuingBreachRaisesNoDuplicate()
    {
        _sut.Restore(LimitLevel.Alert, T0);

        Assert.Equal(VerdictKind.None, _sut.Evaluate(At(10, 12), Limits()).Kind);
        Assert.Equal(VerdictKind.Return, _sut.Evaluate(At(20, 5), Limits()).Kind);
    }
}
