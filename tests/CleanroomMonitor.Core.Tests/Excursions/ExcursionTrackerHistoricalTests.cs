using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Excursions;

/// <summary>Historical (replayed, Sparkplug is_historical) readings judged at their own time by a rule state of their own
/// (issue 19 item 3).</summary>
public sealed class ExcursionTrackerHistoricalTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Cr1 = new("cr1");
    private readonly ExcursionTracker _sut = new(TrackerFacility.Create(), T0);

    private static Reading Live(double celsius, int minute) =>
        new(new SensorId("th"), Cr1, Parameter.Temperature, celsius, T0.AddMinutes(minute), TimeSource.Device, T0.AddMinutes(minute));

    /// <summary>A replayed temperature stamped at <paramref name="minute"/>, arriving at <paramref name="arrivedMinute"/>.</summary>
    private static Reading Replayed(double celsius, int minute, int arrivedMinute) =>
        Live(celsius, minute) with { IsHistorical = true, ReceivedAt = T0.AddMinutes(arrivedMinute) };

    private static Reading ReplayedLarge(long count, int minute, int arrivedMinute) =>
        new(new SensorId("pcb"), Cr1, Parameter.ParticlesFiveMicron, count * 1000 / 28.3, T0.AddMinutes(minute), TimeSource.Device,
            T0.AddMinutes(arrivedMinute), Count: count, VolumeLitres: 28.3, IsHistorical: true);

    private void Start(string number, int minute)
    {
        var (_, problem, _) = _sut.StartBatch(new BatchStart(number, "CAR-T", "helix", ["cr1"], "open", T0.AddMinutes(minute), "mes"), T0.AddMinutes(minute));
        Assert.Null(problem);
    }

    private void End(string number, int minute) => Assert.Null(_sut.EndBatch(new BatchEnd(number, T0.AddMinutes(minute), "mes"), T0.AddMinutes(minute)).Problem);

    [Fact]
    public void OnReading_HistoricalBreach_RaisedAndReturnedAtTheReplayedTimes()
    {
        var raised = Assert.Single(_sut.OnReading(Replayed(31, minute: 10, arrivedMinute: 40)).Excursions);
        var returned = Assert.Single(_sut.OnReading(Replayed(21, minute: 12, arrivedMinute: 40)).Excursions);

        Assert.Equal("raised", raised.Action);
        Assert.Equal(T0.AddMinutes(10), raised.After.StartedAt);
        Assert.Equal(LimitLevel.Action, raised.After.Level);
        Assert.True(raised.After.FromHistoricalData);
        Assert.Contains("historical data", raised.After.History[0].Detail);
        Assert.Equal("returned", returned.Action);
        Assert.Equal(raised.After.Id, returned.After.Id);
        Assert.Equal(T0.AddMinutes(12), returned.After.EndedAt);
        Assert.Empty(_sut.Active);
    }

    [Fact]
    public void OnReading_HistoricalInLimitWhileLiveBreachOpen_LeavesTheLiveExcursionOpen()
    {
        var live = Assert.Single(_sut.OnReading(Live(31, 20)).Excursions).After;

        Assert.Empty(_sut.OnReading(Replayed(21, minute: 5, arrivedMinute: 21)).Excursions);

        Assert.Equal(live.Id, Assert.Single(_sut.Active).Id);
    }

    [Fact]
    public void OnReading_HistoricalBreachOpen_LiveExcursionStillReturnsAndKeysDoNotCollide()
    {
        var live = Assert.Single(_sut.OnReading(Live(31, 20)).Excursions).After;
        var historical = Assert.Single(_sut.OnReading(Replayed(31, minute: 5, arrivedMinute: 21)).Excursions).After;

        var returned = Assert.Single(_sut.OnReading(Live(21, 22)).Excursions);

        Assert.NotEqual(live.Id, historical.Id);
        Assert.Equal(live.Id, returned.After.Id);
        Assert.Equal("returned", returned.Action);
        Assert.Equal(historical.Id, Assert.Single(_sut.ActiveHistorical).Id);
    }

    [Fact]
    public void OnReading_HistoricalBreach_NeverEntersTheLiveRuleState()
    {
        _sut.OnReading(Replayed(31, minute: 5, arrivedMinute: 21));

        // A live breach after it is a new live excursion, not a continuation of the replayed one.
        var live = Assert.Single(_sut.OnReading(Live(31, 22)).Excursions);

        Assert.Equal("raised", live.Action);
        Assert.False(live.After.FromHistoricalData);
    }

    [Fact]
    public void OnReading_HistoricalParticles_JudgedByTheRoomStateOfTheirOwnTime()
    {
        Start("B-001", minute: 10);   // the room is in operation now, at the replay

        // 5 counts in 28.3 L = 177/m³: above the grade B at-rest action limit (29), below the in-operation one (2 930).
        var raised = Assert.Single(_sut.OnReading(ReplayedLarge(5, minute: 5, arrivedMinute: 30)).Excursions).After;
        var returned = Assert.Single(_sut.OnReading(ReplayedLarge(5, minute: 15, arrivedMinute: 30)).Excursions).After;

        Assert.Equal(RoomState.AtRest, raised.State);
        Assert.Equal(29, raised.Limit);
        Assert.Equal(T0.AddMinutes(15), returned.EndedAt);
    }

    [Fact]
    public void OnReading_HistoricalBreachInsideAnEndedBatch_LinkedToThatBatchAndFoundLate()
    {
        Start("B-101", minute: 0);
        End("B-101", minute: 60);
        Start("B-102", minute: 90);

        var raised = Assert.Single(_sut.OnReading(Replayed(31, minute: 30, arrivedMinute: 95)).Excursions).After;
        var returned = Assert.Single(_sut.OnReading(Replayed(21, minute: 31, arrivedMinute: 95)).Excursions).After;

        Assert.Equal(RoomState.InOperation, raised.State);
        Assert.Equal(["B-101"], raised.Batches);
        Assert.True(raised.FoundLate);
        Assert.Equal(["B-101"], returned.Batches);
        Assert.True(returned.FoundLate);
    }

    [Fact]
    public void OnReading_HistoricalBreachInsideARunningBatch_LinkedButNotFoundLate()
    {
        Start("B-103", minute: 0);

        var raised = Assert.Single(_sut.OnReading(Replayed(31, minute: 5, arrivedMinute: 8)).Excursions).After;

        Assert.Equal(["B-103"], raised.Batches);
        Assert.False(raised.FoundLate);
    }

    [Fact]
    public void OnTick_ReplayStopsWhileOutsideLimits_ReturnsAtTheLastReplayedReading()
    {
        _sut.OnReading(Replayed(31, minute: 10, arrivedMinute: 40));
        _sut.OnReading(Replayed(32, minute: 11, arrivedMinute: 40));

        // th reports every minute, so its gap time is 3 min: the replay is over when nothing replayed came for longer.
        Assert.DoesNotContain(_sut.OnTick(T0.AddMinutes(43)).Excursions, e => e.After.FromHistoricalData);
        var returned = Assert.Single(_sut.OnTick(T0.AddMinutes(43).AddSeconds(1)).Excursions, e => e.After.FromHistoricalData);

        Assert.Equal("returned", returned.Action);
        Assert.Equal(T0.AddMinutes(11), returned.After.EndedAt);
        Assert.Equal(32, returned.After.PeakValue);
        Assert.Empty(_sut.ActiveHistorical);
        // Its counters went with it: a later replay of a breach starts a new excursion.
        Assert.Equal("raised", Assert.Single(_sut.OnReading(Replayed(31, minute: 50, arrivedMinute: 60)).Excursions).Action);
    }

    [Fact]
    public void Restore_OpenHistoricalExcursion_ReturnedByTheReplayNotByLiveReadings()
    {
        var open = Assert.Single(_sut.OnReading(Replayed(31, minute: 10, arrivedMinute: 40)).Excursions).After;
        var restarted = new ExcursionTracker(TrackerFacility.Create(), T0.AddMinutes(41));
        restarted.Restore([], [], [open]);

        Assert.Empty(restarted.OnReading(Live(21, 42)).Excursions);
        var returned = Assert.Single(restarted.OnReading(Replayed(21, minute: 12, arrivedMinute: 42)).Excursions).After;

        Assert.Equal(open.Id, returned.Id);
        Assert.Equal(T0.AddMinutes(12), returned.EndedAt);
    }
}
