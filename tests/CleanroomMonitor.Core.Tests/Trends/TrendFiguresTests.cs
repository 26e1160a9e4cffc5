using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Trends;

namespace CleanroomMonitor.Core.Tests.Trends;

/// <summary>The trend report's figures against a fixture worked out by hand (issue 21: "the trend report's figures checked
/// against a hand-computed fixture"). Room cr1, period [08:00, 08:10) UTC on 2 Nov 2026, report made at 08:20.
///
/// Room state: at rest 08:00-08:05, in operation 08:05-08:10.
/// pc1 ("filling needle"), ≥5.0 µm, every 1 min. Limits: at rest alert ≥10, action ≥20; in operation alert ≥25, action ≥30.
///   samples: 08:00 0 | 08:01 500 (laser fault) | 08:02 1 | 08:03 0 | 08:04 12 | 08:05 missing | 08:06 3 | 08:07 0 | 08:08 25 | 08:09 30
///   stored 9 of ⌊10 min ÷ 1 min⌋ = 10 expected → completeness 0.9.
///   valid (fault excluded) sorted: 0 0 0 1 3 12 25 30, n = 8.
///   nearest rank ⌈p·n/100⌉: P50 → rank 4 = 1; P95 → ⌈7.6⌉ = 8 → 30; P99 → ⌈7.92⌉ = 8 → 30; max 30.
///   against the limits of their own time: 12 at 08:04 (at rest, ≥10, &lt;20) alert; 25 at 08:08 (in operation, ≥25, &lt;30)
///   alert; 30 at 08:09 action → above alert 2, above action 1. (The faulted 500 is not judged.)
/// th1 ("wall"), temperature, every 30 s, alert [18, 21.5], action [17, 22] in both states.
///   20 samples 20.1, 20.2, … 22.0 (08:00:00 … 08:09:30), all stored: 20 of 20 expected → 1.0.
///   P50 rank 10 = 21.0; P95 rank 19 = 21.9; P99 rank ⌈19.8⌉ = 20 → 22.0; max 22.0.
///   ≥ 21.5 and &lt; 22: 21.5 21.6 21.7 21.8 21.9 → above alert 5; ≥ 22: 22.0 → above action 1.
/// Excursions:
///   E0 th1 temperature alert 07:55-08:02 (started before the period: not counted, but its time counts from 08:00)
///   E1 pc1 particles alert 08:04-08:05; E2 pc1 particles alert 08:08-open; E3 pc1 particles action 08:09-open
///   E4 th1 temperature alert 08:01-08:03; E5 pc1 data gap (alert) 08:05-08:06; E6 system (action, no sensor) 08:07-08:07
///   counts (started in [08:00, 08:10)): particles alert 2, particles action 1, temperature alert 1, data gap alert 1,
///   system action 1 → 6.
///   repeats: pc1 particles ×3 (2 alert, 1 action, 08:04 to 08:09); nothing else has 2 of one kind at one sensor.
///   time in alert: pc1 ≥5.0 µm E1 1 min + E2 08:08-08:10 (open, clipped at the period's end) 2 min = 3 min; action E3 1 min.
///                  th1 temperature E0 ∪ E4 = 08:00-08:03 = 3 min (their overlap counted once); action 0.
/// Out of service: pc1 07:00-07:50 "service visit" → E1 (14 min after), E5 (15), E2 (18), E3 (19) are recurrences after
///   maintenance (no calibration names that period); th1 returned 20 Oct (13 days before: beyond 7 days) and th1 08:05-08:06
///   (returned after E4 started): no return counts for th1.
/// Calibration: th1 calibrated in place 07:30 (certificate C-9, pass, no out-of-service period) → E4 (31 min after) is a
///   recurrence after calibration. In started order: E4 31, E1 14, E5 15, E2 18, E3 19.
/// Previous period [07:50, 08:00): pc1 all 0 (P95 0), th1 all 20.0 (P95 20.0), E0 temperature alert.
/// Adverse: particles alert 2 vs 0 (+2 ≥ 2) yes; particles action 1 vs 0 no; temperature alert 1 vs 1 no.
///   pc1 P95 0 → 30, towards the tightest alert limit 10: 30 &gt; 0.25 × 10 yes; th1 P95 20.0 → 21.9 towards 21.5: 1.9 &gt; 0.375 yes.
/// </summary>
public sealed class TrendFiguresTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Room = new("cr1");
    private static readonly SensorId Pc1 = new("pc1");
    private static readonly SensorId Th1 = new("th1");

    private static DateTimeOffset At(double minutes) => T0.AddMinutes(minutes);

    private static LimitSet Limits(SensorId sensor, Parameter parameter, RoomState state, Band alert, Band action) =>
        new(sensor, parameter, state, alert, action, TimeSpan.Zero, 1, null, 0, ParticleRules.None, "test");

    private static IReadOnlyList<LimitPeriod> ParticleLimits(DateTimeOffset from, DateTimeOffset to) => from < At(5)
        ?
        [
            new(RoomState.AtRest, from, At(5) < to ? At(5) : to, Limits(Pc1, Parameter.ParticlesFiveMicron, RoomState.AtRest, new(null, 10), new(null, 20))),
            .. At(5) < to ? [new LimitPeriod(RoomState.InOperation, At(5), to, Limits(Pc1, Parameter.ParticlesFiveMicron, RoomState.InOperation, new(null, 25), new(null, 30)))] : Array.Empty<LimitPeriod>(),
        ]
        : [];

    private static IReadOnlyList<LimitPeriod> TemperatureLimits(DateTimeOffset from, DateTimeOffset to) =>
        [new(RoomState.AtRest, from, to, Limits(Th1, Parameter.Temperature, RoomState.AtRest, new(18, 21.5), new(17, 22)))];

    private static Excursion Excursion(ExcursionKind kind, LimitLevel level, SensorId? sensor, Parameter? parameter, DateTimeOffset started, DateTimeOffset? ended) =>
        new(Guid.NewGuid(), kind, level, sensor, Room, parameter, Grade.B, RoomState.AtRest, "fixture", null, null, null, null, started, ended, null, null,
            ExcursionStatus.Unacknowledged, [], [], "v1");

    private static OutOfServicePeriod OutOfService(SensorId sensor, DateTimeOffset from, DateTimeOffset returned, string reason) =>
        new(Guid.NewGuid(), sensor, Room, null, from, returned, reason, "engineer") { ReturnedAt = returned, ReturnedBy = "engineer" };

    private static readonly Excursion E0 = Excursion(ExcursionKind.Temperature, LimitLevel.Alert, Th1, Parameter.Temperature, At(-5), At(2));
    private static readonly Excursion E1 = Excursion(ExcursionKind.Particles, LimitLevel.Alert, Pc1, Parameter.ParticlesFiveMicron, At(4), At(5));
    private static readonly Excursion E2 = Excursion(ExcursionKind.Particles, LimitLevel.Alert, Pc1, Parameter.ParticlesFiveMicron, At(8), null);
    private static readonly Excursion E3 = Excursion(ExcursionKind.Particles, LimitLevel.Action, Pc1, Parameter.ParticlesFiveMicron, At(9), null);
    private static readonly Excursion E4 = Excursion(ExcursionKind.Temperature, LimitLevel.Alert, Th1, Parameter.Temperature, At(1), At(3));
    private static readonly Excursion E5 = Excursion(ExcursionKind.DataGap, LimitLevel.Alert, Pc1, null, At(5), At(6));
    private static readonly Excursion E6 = Excursion(ExcursionKind.System, LimitLevel.Action, null, null, At(7), At(7));

    private static readonly OutOfServicePeriod[] OutOfServicePeriods =
    [
        OutOfService(Pc1, At(-60), At(-10), "service visit"),
        OutOfService(Th1, new(2026, 10, 19, 8, 0, 0, TimeSpan.Zero), new(2026, 10, 20, 8, 0, 0, TimeSpan.Zero), "probe swap"),
        OutOfService(Th1, At(5), At(6), "battery"),
    ];

    private static readonly CalibrationRecord Th1InPlace =
        new(Guid.NewGuid(), Th1, At(-30), "C-9", CalibrationResult.Pass, "Metrology Ltd", "eng", At(-20), null, null);

    private static TrendInput Current()
    {
        var particles = new (double Minute, double Value, SampleFaults Faults)[]
        {
            (0, 0, SampleFaults.None), (1, 500, SampleFaults.Laser), (2, 1, SampleFaults.None), (3, 0, SampleFaults.None), (4, 12, SampleFaults.None),
            (6, 3, SampleFaults.None), (7, 0, SampleFaults.None), (8, 25, SampleFaults.None), (9, 30, SampleFaults.None),
        }.Select(s => new StoredSample(At(s.Minute), s.Value, s.Faults, false)).ToList();
        var temperatures = Enumerable.Range(1, 20).Select(i => new StoredSample(At((i - 1) * 0.5), (double)(20m + i * 0.1m), SampleFaults.None, false)).ToList();
        return new TrendInput(Room, At(0), At(10), At(20), TimeZoneInfo.Utc,
        [
            new TrendSeries(Pc1, "filling needle", TimeSpan.FromMinutes(1), Parameter.ParticlesFiveMicron, particles, ParticleLimits(At(0), At(10))),
            new TrendSeries(Th1, "wall", TimeSpan.FromSeconds(30), Parameter.Temperature, temperatures, TemperatureLimits(At(0), At(10))),
        ], [E0, E1, E2, E3, E4, E5, E6], OutOfServicePeriods) { Calibrations = [Th1InPlace] };
    }

    private static TrendInput Previous() => new(Room, At(-10), At(0), At(20), TimeZoneInfo.Utc,
    [
        new TrendSeries(Pc1, "filling needle", TimeSpan.FromMinutes(1), Parameter.ParticlesFiveMicron,
            Enumerable.Range(0, 10).Select(i => new StoredSample(At(i - 10), 0, SampleFaults.None, false)).ToList(), ParticleLimits(At(-10), At(0))),
        new TrendSeries(Th1, "wall", TimeSpan.FromSeconds(30), Parameter.Temperature,
            Enumerable.Range(0, 20).Select(i => new StoredSample(At(i * 0.5 - 10), 20.0, SampleFaults.None, false)).ToList(), TemperatureLimits(At(-10), At(0))),
    ], [E0], OutOfServicePeriods);

    [Fact]
    public void Compute_HandComputedFixture_CountsExcursionsByKindAndLevel()
    {
        var figures = TrendFigures.Compute(Current());

        Assert.Equal(6, figures.Excursions);
        Assert.Equal(
        [
            new TrendExcursionCount(ExcursionKind.Particles, LimitLevel.Alert, 2),
            new TrendExcursionCount(ExcursionKind.Particles, LimitLevel.Action, 1),
            new TrendExcursionCount(ExcursionKind.Temperature, LimitLevel.Alert, 1),
            new TrendExcursionCount(ExcursionKind.DataGap, LimitLevel.Alert, 1),
            new TrendExcursionCount(ExcursionKind.System, LimitLevel.Action, 1),
        ], figures.ByKindAndLevel);
    }

    [Fact]
    public void Compute_HandComputedFixture_ListsRepeatsAtOneLocation()
    {
        var repeat = Assert.Single(TrendFigures.Compute(Current()).Repeats);

        Assert.Equal(("pc1", "filling needle", ExcursionKind.Particles, 3, 2, 1), (repeat.Sensor, repeat.Location, repeat.Kind, repeat.Count, repeat.Alert, repeat.Action));
        Assert.Equal((At(4), At(9)), (repeat.First, repeat.Last));
        Assert.Equal([E1.Id, E2.Id, E3.Id], repeat.Excursions);
    }

    [Fact]
    public void Compute_HandComputedFixture_FindsRecurrencesAfterReturnFromServiceAndAfterCalibration()
    {
        var recurrences = TrendFigures.Compute(Current()).Recurrences;

        Assert.Equal([E4.Id, E1.Id, E5.Id, E2.Id, E3.Id], recurrences.Select(r => r.Excursion));
        Assert.Equal([31.0, 14.0, 15.0, 18.0, 19.0], recurrences.Select(r => Math.Round(r.HoursAfterReturn * 60, 9)));
        Assert.Equal(("th1", "calibration, certificate C-9: Pass", At(-30), TrendRecurrenceCause.Calibration),
            (recurrences[0].Sensor, recurrences[0].Reason, recurrences[0].ReturnedAt, recurrences[0].Cause));
        Assert.All(recurrences.Skip(1), r => Assert.Equal(("pc1", "service visit", At(-10), TrendRecurrenceCause.Maintenance), (r.Sensor, r.Reason, r.ReturnedAt, r.Cause)));
    }

    [Fact]
    public void Compute_CalibrationNamesTheOutOfServicePeriod_ReturnCountsAsAfterCalibration()
    {
        var linked = new CalibrationRecord(Guid.NewGuid(), Pc1, At(-30), "C-10", CalibrationResult.Adjusted, "Metrology Ltd", "eng", At(-10), OutOfServicePeriods[0].Id, null);

        var recurrences = TrendFigures.Compute(Current() with { Calibrations = [Th1InPlace, linked] }).Recurrences;

        // Counted from the return (the instrument measured again from then), not from the certificate's time.
        Assert.All(recurrences.Skip(1), r => Assert.Equal(("service visit", At(-10), TrendRecurrenceCause.Calibration), (r.Reason, r.ReturnedAt, r.Cause)));
    }

    [Fact]
    public void Compute_HandComputedFixture_MeasuresTimeInAlertAndAction()
    {
        var times = TrendFigures.Compute(Current()).TimeInLevels;

        Assert.Equal(
        [
            new TrendLevelTime("pc1", Parameter.ParticlesFiveMicron.WireName(), 3, 1),
            new TrendLevelTime("th1", Parameter.Temperature.WireName(), 3, 0),
        ], times);
    }

    [Fact]
    public void Compute_HandComputedFixture_MeasuresCompleteness()
    {
        Assert.Equal(
        [
            new TrendCompleteness("pc1", "filling needle", 10, 9, 0.9),
            new TrendCompleteness("th1", "wall", 20, 20, 1.0),
        ], TrendFigures.Compute(Current()).Completeness);
    }

    [Fact]
    public void Compute_HandComputedFixture_GivesNearestRankPercentilesAgainstTheLimitsInForce()
    {
        var figures = TrendFigures.Compute(Current());
        var pc1 = figures.Distributions[0];
        var th1 = figures.Distributions[1];

        Assert.Equal((8L, 1.0, 30.0, 30.0, 30.0, 2L, 1L), (pc1.Count, pc1.P50, pc1.P95, pc1.P99, pc1.Max, pc1.AboveAlert, pc1.AboveAction));
        Assert.Equal((20L, 21.0, 21.9, 22.0, 22.0, 5L, 1L), (th1.Count, th1.P50, th1.P95, th1.P99, th1.Max, th1.AboveAlert, th1.AboveAction));
        Assert.Equal([(RoomState.AtRest, 10.0, 20.0), (RoomState.InOperation, 25.0, 30.0)],
            pc1.Limits.Select(l => (l.State, l.AlertHigh!.Value, l.ActionHigh!.Value)));
        Assert.Equal([new TrendDay(new DateOnly(2026, 11, 2), 8, 30, 30)], pc1.Days);
    }

    [Fact]
    public void AdverseAgainst_HandComputedFixture_FlagsCountRiseAndP95TowardsLimit()
    {
        var adverse = TrendFigures.Compute(Current()).AdverseAgainst(TrendFigures.Compute(Previous()));

        Assert.Equal(
        [
            ("excursion count", "Particles Alert", 2.0, (double?)0.0),
            ("P95 towards limit", "pc1 " + Parameter.ParticlesFiveMicron.WireName(), 30.0, 0.0),
            ("P95 towards limit", "th1 " + Parameter.Temperature.WireName(), 21.9, 20.0),
        ], adverse.Select(a => (a.Rule, a.Subject, a.Current, a.Previous)));
    }

    [Fact]
    public void AdverseAgainst_SamePeriod_FindsNothing()
    {
        var figures = TrendFigures.Compute(Current());

        Assert.Empty(figures.AdverseAgainst(figures));
    }

    [Theory]
    [InlineData(50, 5)]
    [InlineData(95, 10)]
    [InlineData(99, 10)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    public void Percentile_TenValues_NearestRank(double p, double expected)
    {
        Assert.Equal(expected, TrendRules.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p));
    }

    [Fact]
    public void Percentile_NoValues_Null()
    {
        Assert.Null(TrendRules.Percentile([], 95));
    }
}
