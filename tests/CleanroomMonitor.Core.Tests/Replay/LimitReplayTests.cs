using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Replay;
using CleanroomMonitor.Core.Tests.Excursions;

namespace CleanroomMonitor.Core.Tests.Replay;

public sealed class LimitReplayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Cr1 = new("cr1");
    private static readonly SensorId Th = new("th");

    private static Reading Temperature(double value, TimeSpan at) =>
        new(Th, Cr1, Parameter.Temperature, value, T0 + at, TimeSource.Device, T0 + at);

    private static Reading Particles(string sensor, Parameter parameter, long count, TimeSpan at) =>
        new(new SensorId(sensor), Cr1, parameter, count * 1000 / 28.3, T0 + at, TimeSource.Device, T0 + at, Count: count, VolumeLitres: 28.3);

    private static Reading Pressure(double value, TimeSpan at) =>
        new(new SensorId("dp"), Cr1, Parameter.DifferentialPressure, value, T0 + at, TimeSource.Device, T0 + at);

    /// <summary>Room cr1's temperature alert 19-23 °C, action 18-25 °C (TrackerFacility): 21 °C, then 23.5 °C from minute
    /// 10 to 19 (alert), 21 again, 25.5 °C from minute 30 to 34 (action), 21 until minute 60; one reading a minute.</summary>
    private static List<Reading> TemperatureScript() =>
        [.. Enumerable.Range(0, 60).Select(m => Temperature(m is >= 10 and < 20 ? 23.5 : m is >= 30 and < 35 ? 25.5 : 21, TimeSpan.FromMinutes(m)))];

    private static ProposedLimits RoomTemperature(LimitSpec spec) =>
        new(new Dictionary<RoomId, IReadOnlyDictionary<Parameter, LimitSpec>> { [Cr1] = new Dictionary<Parameter, LimitSpec> { [Parameter.Temperature] = spec } },
            new Dictionary<SensorId, IReadOnlyDictionary<Parameter, LimitSpec>>());

    [Fact]
    public void Run_LooserProposal_CountsAndMinutesAsHandComputed()
    {
        var current = TrackerFacility.Create();
        var proposed = RoomTemperature(LimitSpec.Empty with { Alert = new Band(null, 24), Action = new Band(null, 26) }).Apply(current);

        var comparison = LimitReplay.Run(current, proposed, ReplayPeriod.Quiet(Cr1, T0, T0.AddHours(1)), TemperatureScript());

        var row = Assert.Single(comparison.Series, s => s.Sensor == Th);
        // Current: 23.5 °C for 10 minutes is an alert, 25.5 °C for 5 minutes an action excursion.
        Assert.Equal(new ReplayTally(1, 1, 10, 5), row.Current);
        // Proposed (alert 24, action 26): 23.5 °C raises nothing; 25.5 °C is only an alert, still 5 minutes.
        Assert.Equal(new ReplayTally(1, 0, 5, 0), row.Proposed);
        Assert.True(row.Differs);
        Assert.Equal(60, comparison.Readings);
        Assert.Collection(comparison.Differences,
            d => Assert.Equal((T0.AddMinutes(10), ReplayDifferenceKind.OnlyCurrent, LimitLevel.Alert, (LimitLevel?)null), (d.At, d.Difference, d.CurrentLevel!.Value, d.ProposedLevel)),
            d => Assert.Equal((T0.AddMinutes(30), ReplayDifferenceKind.LevelChanged, LimitLevel.Action, LimitLevel.Alert), (d.At, d.Difference, d.CurrentLevel!.Value, d.ProposedLevel!.Value)));
        Assert.StartsWith(current.Version + "+proposed-", comparison.ProposedVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_StricterProposal_MoreExcursionsAndLongerMinutes()
    {
        var current = TrackerFacility.Create();
        // Alert at 22 °C: 23.5 °C is still an alert, and the 25.5 °C stretch (action at 25 unchanged) too.
        var proposed = RoomTemperature(LimitSpec.Empty with { Alert = new Band(null, 22) }).Apply(current);
        var script = TemperatureScript();
        script[45] = Temperature(22.5, TimeSpan.FromMinutes(45));   // above the proposed alert level only

        var comparison = LimitReplay.Run(current, proposed, ReplayPeriod.Quiet(Cr1, T0, T0.AddHours(1)), script);

        var row = Assert.Single(comparison.Series, s => s.Sensor == Th);
        Assert.Equal(new ReplayTally(1, 1, 10, 5), row.Current);
        Assert.Equal(new ReplayTally(2, 1, 11, 5), row.Proposed);
        var only = Assert.Single(comparison.Differences);
        Assert.Equal((T0.AddMinutes(45), ReplayDifferenceKind.OnlyProposed, LimitLevel.Alert), (only.At, only.Difference, only.ProposedLevel!.Value));
    }

    [Fact]
    public void Run_AlertEscalatesToAction_MinutesSplitAtTheEscalation()
    {
        var current = TrackerFacility.Create();
        // 23.5 °C from minute 10 (alert), 25.5 °C from minute 13 (action), 21 °C from minute 16: period ends at minute 15.
        var script = Enumerable.Range(0, 20).Select(m => Temperature(m is >= 10 and < 13 ? 23.5 : m is >= 13 and < 16 ? 25.5 : 21, TimeSpan.FromMinutes(m)));

        var comparison = LimitReplay.Run(current, current, ReplayPeriod.Quiet(Cr1, T0, T0.AddMinutes(15)), script);

        var excursion = Assert.Single(comparison.Current);
        Assert.Equal((LimitLevel.Action, (DateTimeOffset?)null, 3.0, 2.0), (excursion.Level, excursion.EndedAt, excursion.AlertMinutes, excursion.ActionMinutes));
        Assert.Empty(comparison.Differences);
    }

    /// <summary>The reproduction requirement in Core: a tracker driven as the engine drives it (readings, a batch started and
    /// ended by command, a tick every second) records excursions; the replay of its readings, batches and recorded states
    /// with unchanged limits gives exactly the same set (sensor, parameter, kind, level, start, end).</summary>
    [Fact]
    public void Run_UnchangedLimits_ReproducesTheLiveTrackerExactly()
    {
        var facility = TrackerFacility.Create();
        var live = new ExcursionTracker(facility, T0);
        var readings = new List<Reading>();
        var excursions = new Dictionary<Guid, Excursion>();
        var states = new List<RoomStateChange>();
        Batch? batch = null;
        void Keep(TrackerOutcome outcome)
        {
            states.AddRange(outcome.RoomStates);
            foreach (var change in outcome.Excursions)
            {
                excursions[change.After.Id] = change.After;
            }
        }
        var end = TimeSpan.FromMinutes(150);
        for (var second = TimeSpan.Zero; second < end; second += TimeSpan.FromSeconds(1))
        {
            if (second == TimeSpan.FromMinutes(60))
            {
                var (started, _, outcome) = live.StartBatch(new BatchStart("B-1", "CAR-T", "helix", ["cr1"], "open", T0 + second, "mes"), T0 + second);
                batch = started;
                Keep(outcome);
            }
            if (second == TimeSpan.FromMinutes(90))
            {
                var (ended, _, outcome) = live.EndBatch(new BatchEnd("B-1", T0 + second, "mes"), T0 + second);
                batch = ended;
                Keep(outcome);
            }
            var minute = (int)second.TotalMinutes;
            var at = second + TimeSpan.FromMilliseconds(500);
            var first = readings.Count;
            if (second.Seconds == 0)
            {
                // Counts above the grade B at-rest action limit at minutes 50-52 (at rest) and 70-72 (in operation, below it there).
                var count = minute is >= 50 and < 53 or >= 70 and < 73 ? 5 : 0;
                readings.Add(Temperature(minute is >= 10 and < 20 ? 23.5 : minute is >= 30 and < 35 ? 25.5 : 21, at));
                readings.Add(Particles("pcb", Parameter.ParticlesFiveMicron, count, at));
                readings.Add(Particles("pcb", Parameter.ParticlesHalfMicron, count * 10, at));
                readings.Add(Particles("pca", Parameter.ParticlesFiveMicron, 0, at));
                readings.Add(Particles("pca", Parameter.ParticlesHalfMicron, 0, at));
            }
            if (second.Seconds % 10 == 0)
            {
                // Below the 10 Pa cascade minimum from minute 100 to 102: an action excursion, then back.
                readings.Add(Pressure(minute is >= 100 and < 102 ? 8 : 15, at));
            }
            foreach (var reading in readings.Skip(first).ToList())
            {
                Keep(live.OnReading(reading));
            }
            Keep(live.OnTick(T0 + second + TimeSpan.FromSeconds(1)));
        }
        var period = new ReplayPeriod(Cr1, T0, T0 + end, [batch!], states, [], []);
        var recorded = excursions.Values.Where(e => ReplayedExcursion.IsJudgedFromLimits(e.Kind) && e.Room == Cr1)
            .Select(e => ReplayedExcursion.Of(e, T0, T0 + end)).Select(Identity).Order().ToList();

        var comparison = LimitReplay.Run(facility, facility, period, readings);

        // Alert and action temperature, at-rest particles, pressure. No N-of-M alert when the room is back at rest after
        // the batch: the in-operation stretch started the rule afresh, so the alerts of minutes 50-52 are not carried over.
        Assert.Equal(4, recorded.Count);
        Assert.DoesNotContain(excursions.Values, e => e.Rule.Contains("of the last", StringComparison.Ordinal));
        Assert.Equal(recorded, comparison.Current.Select(Identity).Order().ToList());
        Assert.Equal(recorded, comparison.Proposed.Select(Identity).Order().ToList());
        Assert.Empty(comparison.Differences);
    }

    private static string Identity(ReplayedExcursion e) => $"{e.Sensor} {e.Parameter} {e.Kind} {e.Level} {e.StartedAt:O} {e.EndedAt:O}";

    [Fact]
    public void Add_ReadingOfAnotherRoomOrOutsideThePeriod_Skipped()
    {
        var facility = TrackerFacility.Create();
        var replay = new LimitReplay(facility, facility, ReplayPeriod.Quiet(Cr1, T0, T0.AddMinutes(10)));

        replay.Add(new Reading(new SensorId("aldp"), new RoomId("al1"), Parameter.DifferentialPressure, 1, T0.AddMinutes(1), TimeSource.Device, T0.AddMinutes(1)));
        replay.Add(Temperature(30, TimeSpan.FromMinutes(10)));
        replay.Add(Temperature(30, TimeSpan.FromMinutes(-1)));

        var comparison = replay.Finish();
        Assert.Equal(0, comparison.Readings);
        Assert.Empty(comparison.Current);
    }
}
