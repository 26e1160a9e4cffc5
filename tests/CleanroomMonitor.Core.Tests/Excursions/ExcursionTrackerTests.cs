using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Excursions;

public sealed class ExcursionTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoomId Cr1 = new("cr1");
    private readonly ExcursionTracker _sut = new(TrackerFacility.Create(), T0);

    private static Reading Value(string sensor, Parameter parameter, double value, TimeSpan at, SampleFaults faults = SampleFaults.None) =>
        new(new SensorId(sensor), sensor is "pcd" or "frz" ? new RoomId("cd") : sensor == "aldp" ? new RoomId("al1") : Cr1, parameter, value,
            T0 + at, TimeSource.Device, T0 + at, Faults: faults);

    private static Reading Large(string sensor, long count, TimeSpan at, double litres = 28.3) =>
        Value(sensor, Parameter.ParticlesFiveMicron, count * 1000 / litres, at) with { Count = count, VolumeLitres = litres };

    private (Batch Batch, TrackerOutcome Outcome) Start(string number, TimeSpan at, string room = "cr1")
    {
        var (batch, problem, outcome) = _sut.StartBatch(new BatchStart(number, "CAR-T", "helix", [room], "open", T0 + at, "mes"), T0 + at);
        Assert.Null(problem);
        return (batch!, outcome);
    }

    [Fact]
    public void OnReading_BreachDuringBatch_RaisesExcursionNamingTheBatchAndState()
    {
        Start("B-001", TimeSpan.Zero);

        var outcome = _sut.OnReading(Value("pcb", Parameter.ParticlesHalfMicron, 400_000, TimeSpan.FromMinutes(5)));

        var change = Assert.Single(outcome.Excursions);
        Assert.Equal("raised", change.Action);
        var excursion = change.After;
        Assert.Equal(ExcursionKind.Particles, excursion.Kind);
        Assert.Equal(LimitLevel.Action, excursion.Level);
        Assert.Equal(RoomState.InOperation, excursion.State);
        Assert.Equal(["B-001"], excursion.Batches);
        Assert.Equal(352_000, excursion.Limit);
        Assert.Equal(Grade.B, excursion.Grade);
        Assert.NotNull(excursion.LimitsVersion);
        Assert.Equal(ExcursionStatus.Unacknowledged, excursion.Status);
    }

    [Fact]
    public void OnReading_SameValue_JudgedByTheRoomStateAtItsTime()
    {
        // 5 counts in 28.3 L = 177/m³: above the grade B at-rest action limit (29), below the in-operation one (2 930).
        Assert.Single(_sut.OnReading(Large("pcb", 5, TimeSpan.FromMinutes(1))).Excursions);
        _sut.OnReading(Large("pcb", 0, TimeSpan.FromMinutes(2)));
        Start("B-002", TimeSpan.FromMinutes(3));

        Assert.Empty(_sut.OnReading(Large("pcb", 5, TimeSpan.FromMinutes(4))).Excursions);
    }

    [Fact]
    public void OnReading_LateReadingFromBeforeTheBatch_JudgedAgainstAtRestLimits()
    {
        Start("B-003", TimeSpan.FromMinutes(10));

        var outcome = _sut.OnReading(Large("pcb", 5, TimeSpan.FromMinutes(5)));

        Assert.Equal(RoomState.AtRest, Assert.Single(outcome.Excursions).After.State);
    }

    [Fact]
    public void StartBatch_WhileExcursionOpen_LinksTheBatch()
    {
        var raised = Assert.Single(_sut.OnReading(Value("th", Parameter.Temperature, 24, TimeSpan.FromMinutes(1))).Excursions).After;
        Assert.Empty(raised.Batches);

        var (_, outcome) = Start("B-004", TimeSpan.FromMinutes(2));

        var linked = Assert.Single(outcome.Excursions);
        Assert.Equal("batch-linked", linked.Action);
        Assert.Equal(raised.Id, linked.After.Id);
        Assert.Equal(["B-004"], linked.After.Batches);
    }

    [Fact]
    public void EndBatch_RoomGoesToCleanUpThenAtRestWhenEveryCounterRecovers()
    {
        Start("B-005", TimeSpan.Zero);
        var (_, _, ended) = _sut.EndBatch(new BatchEnd("B-005", T0.AddHours(2), "mes"), T0.AddHours(2));
        Assert.Equal(RoomState.CleanUp, Assert.Single(ended.RoomStates).State);

        _sut.OnReading(Value("pca", Parameter.ParticlesHalfMicron, 100, TimeSpan.FromMinutes(125)));
        _sut.OnReading(Large("pca", 0, TimeSpan.FromMinutes(125)));
        _sut.OnReading(Value("pcb", Parameter.ParticlesHalfMicron, 200, TimeSpan.FromMinutes(126)));
        var recovered = _sut.OnReading(Large("pcb", 0, TimeSpan.FromMinutes(126)));

        Assert.Equal(RoomState.AtRest, Assert.Single(recovered.RoomStates).State);
        Assert.Equal(RoomState.AtRest, _sut.Rooms.Current(Cr1));
    }

    [Fact]
    public void OnTick_CleanUpPeriodPassesWithoutRecovery_RaisesAnExcursionAndGoesAtRest()
    {
        Start("B-006", TimeSpan.Zero);
        _sut.EndBatch(new BatchEnd("B-006", T0.AddHours(1), "mes"), T0.AddHours(1));

        Assert.DoesNotContain(_sut.OnTick(T0.AddMinutes(79)).Excursions, e => e.After.Kind == ExcursionKind.CleanUpNotRecovered);
        var outcome = _sut.OnTick(T0.AddMinutes(80));

        var excursion = Assert.Single(outcome.Excursions, e => e.After.Kind == ExcursionKind.CleanUpNotRecovered).After;
        Assert.Equal(Cr1, excursion.Room);
        Assert.Equal(["B-006"], excursion.Batches);
        Assert.Equal(RoomState.AtRest, _sut.Rooms.Current(Cr1));
    }

    [Fact]
    public void OnTick_SensorSilentPastItsGap_RaisesDataGapAndAReadingEndsIt()
    {
        _sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.Zero));

        var gap = _sut.OnTick(T0.AddMinutes(3).AddSeconds(1)).Excursions.Single(e => e.After.Sensor == new SensorId("th")).After;
        Assert.Equal(ExcursionKind.DataGap, gap.Kind);
        Assert.Equal(T0, gap.StartedAt);
        Assert.DoesNotContain(_sut.OnTick(T0.AddMinutes(5)).Excursions, e => e.After.Sensor == new SensorId("th"));

        var back = _sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.FromMinutes(6)));
        Assert.Equal("returned", Assert.Single(back.Excursions).Action);
    }

    [Fact]
    public void OnTick_ServiceBehindItsReceivedReadings_NoDataGapUntilWhatItReceivedShowsTheSilence()
    {
        _sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.Zero));

        // An hour on the clock, but the service has judged only what it received up to a minute after the reading: the
        // sensor's next readings may be waiting in its own queues, so it is not silent (the gap time is 3 minutes).
        Assert.DoesNotContain(_sut.OnTick(T0.AddHours(1), T0.AddMinutes(1)).Excursions, e => e.After.Kind == ExcursionKind.DataGap && e.After.Sensor == new SensorId("th"));
        // Judged up to past the gap time without a reading of it: that silence is real.
        var gap = Assert.Single(_sut.OnTick(T0.AddHours(1), T0.AddMinutes(3).AddSeconds(1)).Excursions, e => e.After.Sensor == new SensorId("th")).After;
        Assert.Equal((ExcursionKind.DataGap, T0), (gap.Kind, gap.StartedAt));
    }

    [Fact]
    public void OnSourceEvent_LostThenRestored_RaisesAndReturnsCommunicationLoss()
    {
        var lost = _sut.OnSourceEvent(new SourceEvent(SourceEventKind.CommunicationLost, [new SensorId("pca")], "modbus tcp", "3 polls missed", T0));
        var restored = _sut.OnSourceEvent(new SourceEvent(SourceEventKind.CommunicationRestored, [new SensorId("pca")], "modbus tcp", "ok", T0.AddMinutes(1)));

        var raised = Assert.Single(lost.Excursions).After;
        Assert.Equal(ExcursionKind.CommunicationLoss, raised.Kind);
        Assert.Equal(LimitLevel.Action, raised.Level);   // grade A data
        Assert.Equal(ExcursionStatus.ReturnedUnacknowledged, Assert.Single(restored.Excursions).After.Status);
    }

    [Fact]
    public void OnSourceEvent_DataConflict_RecordsAnExcursionAlreadyOverNamingBothValues()
    {
        var conflict = new SourceEvent(SourceEventKind.DataConflict, [new SensorId("th")], "cleanroom/s/cr1/th",
            "temperature at 2026-03-02T08:00:00.000Z: kept 20.5 °C, refused 21.5 °C", T0, Parameter: Parameter.Temperature);

        var outcome = _sut.OnSourceEvent(conflict);

        Assert.Equal(["raised", "returned"], outcome.Excursions.Select(c => c.Action));
        var recorded = outcome.Excursions[^1].After;
        Assert.Equal(ExcursionKind.DataConflict, recorded.Kind);
        Assert.Equal(Parameter.Temperature, recorded.Parameter);
        Assert.Equal(LimitLevel.Action, recorded.Level);   // grade B room air: data integrity where the air is critical
        Assert.Contains("kept 20.5 °C, refused 21.5 °C", recorded.Rule, StringComparison.Ordinal);
        Assert.Contains("cleanroom/s/cr1/th", recorded.Rule, StringComparison.Ordinal);
        Assert.Equal(T0, recorded.StartedAt);
        Assert.Equal(T0, recorded.EndedAt);
        Assert.Equal(ExcursionStatus.ReturnedUnacknowledged, recorded.Status);
        Assert.Empty(_sut.Active);
    }

    [Fact]
    public void OnSourceEvent_TwoDataConflicts_EachRecorded()
    {
        var conflict = new SourceEvent(SourceEventKind.DataConflict, [new SensorId("th")], "o", "kept 20.5 °C, refused 21.5 °C", T0, Parameter: Parameter.Temperature);

        var first = _sut.OnSourceEvent(conflict);
        var second = _sut.OnSourceEvent(conflict with { At = T0.AddSeconds(1) });

        Assert.NotEqual(first.Excursions[0].After.Id, second.Excursions[0].After.Id);
        Assert.Equal(2, second.Excursions.Count);
    }

    [Fact]
    public void OnReading_FaultySample_RaisesSensorFaultAndIsNotJudged()
    {
        var outcome = _sut.OnReading(Value("pca", Parameter.ParticlesHalfMicron, 9_000_000, TimeSpan.Zero, SampleFaults.Flow));

        var fault = Assert.Single(outcome.Excursions).After;
        Assert.Equal(ExcursionKind.SensorFault, fault.Kind);
        Assert.Contains("Flow", fault.Rule, StringComparison.Ordinal);
        Assert.Single(_sut.OnReading(Value("pca", Parameter.ParticlesHalfMicron, 10, TimeSpan.FromMinutes(1))).Excursions, e => e.Action == "returned");
    }

    [Fact]
    public void OnReading_InconsistentCounts_RaisesSensorFaultSayingWhyAndIsNotJudged()
    {
        var outcome = _sut.OnReading(Value("pca", Parameter.ParticlesFiveMicron, 9_000_000, TimeSpan.Zero, SampleFaults.InconsistentCounts));

        var fault = Assert.Single(outcome.Excursions).After;
        Assert.Equal(ExcursionKind.SensorFault, fault.Kind);
        Assert.Contains("5.0 µm count above its ≥0.5 µm count", fault.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void OnReading_SaturatedSample_RaisesSensorFaultSayingWhy()
    {
        var outcome = _sut.OnReading(Value("pca", Parameter.ParticlesHalfMicron, 10, TimeSpan.Zero, SampleFaults.Saturated | SampleFaults.Flow));

        var fault = Assert.Single(outcome.Excursions).After;
        Assert.Equal(ExcursionKind.SensorFault, fault.Kind);
        Assert.Contains("saturated or sentinel", fault.Rule, StringComparison.Ordinal);
        Assert.Contains("instrument reports Flow", fault.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void OnReading_PressureReversed_RaisesReversalBesideTheLowPressureExcursion()
    {
        var outcome = _sut.OnReading(Value("dp", Parameter.DifferentialPressure, -3, TimeSpan.Zero));

        Assert.Contains(outcome.Excursions, e => e.After.Kind == ExcursionKind.PressureReversal && e.After.Level == LimitLevel.Action);
        Assert.Contains(outcome.Excursions, e => e.After.Kind == ExcursionKind.DifferentialPressure && e.After.Limit == 10);
    }

    [Fact]
    public void OnReading_AirlockDoorOpenShorterThanDelay_RaisesNothing()
    {
        Assert.Empty(_sut.OnReading(Value("aldp", Parameter.DifferentialPressure, 11, TimeSpan.Zero)).Excursions);
        Assert.Empty(_sut.OnReading(Value("aldp", Parameter.DifferentialPressure, 11, TimeSpan.FromSeconds(20))).Excursions);
        Assert.Empty(_sut.OnReading(Value("aldp", Parameter.DifferentialPressure, 15, TimeSpan.FromSeconds(30))).Excursions);
    }

    [Fact]
    public void OnReading_InsideNonMonitoringWindow_IsNotJudged()
    {
        _sut.DeclareWindow(new RoomWindow(Guid.NewGuid(), Cr1, RoomWindowKind.NonMonitoring, T0, T0.AddHours(1), "AAV vector handling", "qa"), T0);

        Assert.Empty(_sut.OnReading(Value("pcb", Parameter.ParticlesHalfMicron, 9_000_000, TimeSpan.FromMinutes(5))).Excursions);
        Assert.Equal(RoomState.NotMonitored, _sut.Rooms.Current(Cr1));
    }

    [Fact]
    public void Restore_OpenExcursion_ContinuesWithoutDuplicateAndReturnsTheSameRecord()
    {
        var raised = Assert.Single(_sut.OnReading(Value("th", Parameter.Temperature, 24, TimeSpan.Zero)).Excursions).After;
        var restarted = new ExcursionTracker(TrackerFacility.Create(), T0.AddMinutes(1));
        restarted.Restore([], [], [raised]);

        Assert.Empty(restarted.OnReading(Value("th", Parameter.Temperature, 24.5, TimeSpan.FromMinutes(2))).Excursions);
        var returned = Assert.Single(restarted.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.FromMinutes(3))).Excursions);
        Assert.Equal(raised.Id, returned.After.Id);
        Assert.Equal(24.5, returned.After.PeakValue);
    }

    [Fact]
    public void OnReading_ExcursionAcrossTwoBatches_NamesBothWhenItReturns()
    {
        Start("B-007", TimeSpan.Zero);
        _sut.OnReading(Value("th", Parameter.Temperature, 24, TimeSpan.FromMinutes(1)));
        _sut.EndBatch(new BatchEnd("B-007", T0.AddMinutes(2), "mes"), T0.AddMinutes(2));
        Start("B-008", TimeSpan.FromMinutes(3));

        var returned = Assert.Single(_sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.FromMinutes(4))).Excursions).After;

        Assert.Equal(["B-007", "B-008"], returned.Batches.Order());
    }

    [Fact]
    public void OnReading_LateReadingInsideAnEndedBatch_LinkedToThatBatchOnlyAndFlaggedFoundLate()
    {
        Start("B-101", TimeSpan.Zero);
        _sut.EndBatch(new BatchEnd("B-101", T0.AddMinutes(60), "mes"), T0.AddMinutes(60));
        Start("B-102", TimeSpan.FromMinutes(90));
        var arrived = T0.AddMinutes(95);

        var raised = Assert.Single(_sut.OnReading(Value("th", Parameter.Temperature, 31, TimeSpan.FromMinutes(30)) with { ReceivedAt = arrived }).Excursions).After;
        var returned = Assert.Single(_sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.FromMinutes(31)) with { ReceivedAt = arrived }).Excursions).After;

        Assert.Equal(T0.AddMinutes(30), raised.StartedAt);
        Assert.Equal(["B-101"], raised.Batches);
        Assert.Equal(["B-101"], returned.Batches);
        Assert.True(raised.FoundLate);
        Assert.True(returned.FoundLate);
    }

    [Fact]
    public void OnReading_BreachDuringARunningBatch_NotFoundLate()
    {
        Start("B-103", TimeSpan.Zero);

        var raised = Assert.Single(_sut.OnReading(Value("th", Parameter.Temperature, 31, TimeSpan.FromMinutes(5))).Excursions).After;

        Assert.False(raised.FoundLate);
    }

    [Fact]
    public void OnReading_SequenceJumps_RecordsAGapNamingTheMissingSamples()
    {
        _sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.Zero) with { Sequence = 10 });
        _sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.FromMinutes(1)) with { Sequence = 11 });

        var outcome = _sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.FromMinutes(5)) with { Sequence = 15 });

        Assert.Equal(["raised", "returned"], outcome.Excursions.Select(e => e.Action));
        var gap = outcome.Excursions[^1].After;
        Assert.Equal(ExcursionKind.DataGap, gap.Kind);
        Assert.Equal(3, gap.TriggerValue);
        Assert.Equal(T0.AddMinutes(1), gap.StartedAt);
        Assert.Equal(T0.AddMinutes(5), gap.EndedAt);
    }

    [Fact]
    public void OnReading_SameSequenceForEachParameterOrACounterReset_IsNoGap()
    {
        _sut.OnReading(Value("pcb", Parameter.ParticlesHalfMicron, 100, TimeSpan.Zero) with { Sequence = 5 });
        Assert.Empty(_sut.OnReading(Large("pcb", 0, TimeSpan.Zero) with { Sequence = 5 }).Excursions);
        Assert.Empty(_sut.OnReading(Large("pcb", 0, TimeSpan.FromMinutes(1)) with { Sequence = 1 }).Excursions);
        Assert.Empty(_sut.OnReading(Large("pcb", 0, TimeSpan.FromMinutes(2)) with { Sequence = 2 }).Excursions);
    }

    [Fact]
    public void SeedSequences_BeforeTheFirstReading_GapAcrossTheRestartFoundOnArrival()
    {
        Assert.Empty(_sut.SeedSequences([(new SensorId("th"), 7L, T0 - TimeSpan.FromMinutes(3))]).Excursions);

        var outcome = _sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.Zero) with { Sequence = 10 });

        Assert.Equal(["raised", "returned"], outcome.Excursions.Select(e => e.Action));
        Assert.Equal(2, outcome.Excursions[^1].After.TriggerValue);
    }

    [Fact]
    public void SeedSequences_AfterTheFirstReadings_GapCheckedAgainstTheFirstReadingOfThisRun()
    {
        // InfluxDB answered late: the engine judged meanwhile, and the seed is checked against this run's first sample.
        _sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.Zero) with { Sequence = 10 });
        _sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.FromMinutes(1)) with { Sequence = 11 });
        _sut.OnReading(Value("pcb", Parameter.ParticlesHalfMicron, 100, TimeSpan.Zero) with { Sequence = 5 });

        var outcome = _sut.SeedSequences([(new SensorId("th"), 6L, T0 - TimeSpan.FromMinutes(4)), (new SensorId("pcb"), 4L, T0 - TimeSpan.FromMinutes(1))]);

        Assert.Equal(["raised", "returned"], outcome.Excursions.Select(e => e.Action));
        var gap = outcome.Excursions[^1].After;
        Assert.Equal(new SensorId("th"), gap.Sensor);
        Assert.Equal(3, gap.TriggerValue);
        Assert.Equal(T0 - TimeSpan.FromMinutes(4), gap.StartedAt);
        Assert.Equal(T0, gap.EndedAt);
        // Seeds are a start-up fact: once applied, a sensor first seen later starts its count afresh, with no seed to wait for.
        Assert.Empty(_sut.OnReading(Value("frz", Parameter.Temperature, -80, TimeSpan.FromMinutes(2)) with { Sequence = 50 }).Excursions);
        Assert.Empty(_sut.SeedSequences([(new SensorId("frz"), 3L, T0)]).Excursions);
        Assert.Empty(_sut.OnReading(Value("th", Parameter.Temperature, 21, TimeSpan.FromMinutes(2)) with { Sequence = 12 }).Excursions);
    }
}
