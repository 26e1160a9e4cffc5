using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Tests.Batches;

public sealed class ReleaseRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly RoomId Room = new("cr1");
    private static readonly SensorId Th1 = new("th1");
    private static readonly Batch Ended = new("B1", "CAR-T", "helix", [Room], ProcessType.OpenManual, T0, T0.AddHours(2), "op", "op");

    private static ReleaseInput Input(Batch? batch = null, IReadOnlyList<Excursion>? touching = null, IReadOnlyList<CompletenessFinding>? completeness = null,
        IReadOnlyList<BreachRun>? runs = null, IReadOnlyList<string>? capped = null, IReadOnlyList<OutOfServicePeriod>? outOfService = null,
        IReadOnlyList<RoomWindow>? windows = null, IReadOnlyList<BreachReview>? reviews = null) =>
        new(batch ?? Ended, (batch ?? Ended).EndedAt ?? T0.AddHours(3), touching ?? [], completeness ?? [], runs ?? [], capped ?? [], outOfService ?? [],
            windows ?? [], reviews ?? []);

    private static Excursion Excursion(ExcursionKind kind = ExcursionKind.Temperature, SensorId? sensor = null, Parameter? parameter = Parameter.Temperature,
        DateTimeOffset? started = null, DateTimeOffset? ended = null, ExcursionStatus status = ExcursionStatus.Closed, string rule = "value ≥ alert limit 23") =>
        new(Guid.NewGuid(), kind, LimitLevel.Alert, sensor, Room, parameter, Grade.C, RoomState.InOperation, rule, 24, 23, null, null,
            started ?? T0.AddMinutes(10), ended, null, null, status, ["B1"], [], "v1");

    private static BreachRun Run(int firstMinute, int lastMinute, LimitLevel level = LimitLevel.Alert) =>
        new(Th1, Room, Parameter.Temperature, level, T0.AddMinutes(firstMinute), T0.AddMinutes(lastMinute), lastMinute - firstMinute + 1, Minute);

    private static BreachReview Review(params BreachRun[] runs) =>
        new(Guid.NewGuid(), "B1", new Signature(Guid.NewGuid(), "qa", "Q. A.", "QA", BreachReview.Meanings[0], T0.AddHours(3), "password re-entered"),
            "transient, within the justified delay", runs);

    [Fact]
    public void Judge_EndedBatchWithNothingFound_IsClear()
    {
        var verdict = ReleaseRule.Judge(Input());

        Assert.True(verdict.ClearForRelease);
        Assert.Empty(verdict.Reasons);
        Assert.Equal(ReleaseVerdict.RuleText, verdict.Rule);
    }

    [Fact]
    public void Judge_BatchStillRunning_NotClear()
    {
        var verdict = ReleaseRule.Judge(Input(Ended with { EndedAt = null }));

        Assert.False(verdict.ClearForRelease);
        Assert.Contains(verdict.Reasons, r => r.Contains("has not ended", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_ExcursionNotClosed_NotClearAndNamesIt()
    {
        var open = Excursion(sensor: Th1, status: ExcursionStatus.Acknowledged);

        var verdict = ReleaseRule.Judge(Input(touching: [open]));

        Assert.False(verdict.ClearForRelease);
        Assert.Contains(verdict.Reasons, r => r.Contains(open.Id.ToString(), StringComparison.Ordinal) && r.Contains("Acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_FoundLateExcursionOpen_ReasonSaysFoundLate()
    {
        var late = Excursion(sensor: Th1, status: ExcursionStatus.ReturnedUnacknowledged) with { FoundLate = true };

        var verdict = ReleaseRule.Judge(Input(touching: [late]));

        Assert.False(verdict.ClearForRelease);
        Assert.Contains(verdict.Reasons, r => r.Contains(late.Id.ToString(), StringComparison.Ordinal) && r.Contains("found late", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_UnexplainedDataGap_NotClear()
    {
        var verdict = ReleaseRule.Judge(Input(completeness: [new CompletenessFinding(Room, Th1, 120, 60, 0.5, IsUnexplainedGap: true)]));

        Assert.False(verdict.ClearForRelease);
        Assert.Contains(verdict.Reasons, r => r.Contains("60 of 120", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_ExplainedShortfall_Clear() =>
        Assert.True(ReleaseRule.Judge(Input(completeness: [new CompletenessFinding(Room, Th1, 120, 60, 0.5, IsUnexplainedGap: false)])).ClearForRelease);

    [Fact]
    public void Judge_ActionRunWithoutExcursion_NotClearAndNamesSensorParameterLevelCountAndTimes()
    {
        var verdict = ReleaseRule.Judge(Input(runs: [Run(50, 51, LimitLevel.Action)]));

        Assert.False(verdict.ClearForRelease);
        var reason = Assert.Single(verdict.Reasons);
        Assert.Contains("Action samples of th1/temperature in cr1: 2 from 2026-03-02 08:50:00Z to 2026-03-02 08:51:00Z", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RunInsideClosedExcursionOfThatSensorParameter_Clear()
    {
        var excursion = Excursion(sensor: Th1, started: T0.AddMinutes(10), ended: T0.AddMinutes(15));

        Assert.True(ReleaseRule.Judge(Input(touching: [excursion], runs: [Run(10, 14)])).ClearForRelease);
    }

    [Fact]
    public void Judge_RunWithinOneIntervalOfTheExcursionEdges_Explained()
    {
        // A delayed rule starts the excursion at a later sample than the run's first; one interval either side is allowed.
        var excursion = Excursion(sensor: Th1, started: T0.AddMinutes(11), ended: T0.AddMinutes(13));

        Assert.True(ReleaseRule.Judge(Input(touching: [excursion], runs: [Run(10, 14)])).ClearForRelease);
    }

    [Fact]
    public void Judge_RunReachingBeyondTheExcursion_NotExplained()
    {
        var excursion = Excursion(sensor: Th1, started: T0.AddMinutes(10), ended: T0.AddMinutes(12));

        Assert.False(ReleaseRule.Judge(Input(touching: [excursion], runs: [Run(10, 20)])).ClearForRelease);
    }

    [Fact]
    public void Judge_ExcursionOfAnotherParameterOrSensor_DoesNotExplain()
    {
        var otherParameter = Excursion(sensor: Th1, parameter: Parameter.RelativeHumidity, started: T0, ended: T0.AddHours(2));
        var otherSensor = Excursion(sensor: new SensorId("th2"), started: T0, ended: T0.AddHours(2));

        var verdict = ReleaseRule.Judge(Input(touching: [otherParameter, otherSensor], runs: [Run(10, 14)]));

        Assert.False(verdict.ClearForRelease);
    }

    [Fact]
    public void Judge_RoomLevelExcursionCoveringTheRun_Explains()
    {
        var cleanUp = Excursion(ExcursionKind.CleanUpNotRecovered, sensor: null, parameter: null, started: T0, ended: T0.AddMinutes(30));

        Assert.True(ReleaseRule.Judge(Input(touching: [cleanUp], runs: [Run(10, 14)])).ClearForRelease);
    }

    [Fact]
    public void Judge_OpenExcursion_CoversUpToTheReportEnd()
    {
        var open = Excursion(sensor: Th1, started: T0.AddMinutes(10), status: ExcursionStatus.Unacknowledged);

        var verdict = ReleaseRule.Judge(Input(touching: [open], runs: [Run(10, 110)]));

        // Blocked by the open excursion only, not by the run.
        Assert.Single(verdict.Reasons);
        Assert.Contains(open.Id.ToString(), verdict.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_RunCoveredByBreachReview_Clear()
    {
        var run = Run(10, 10);

        Assert.True(ReleaseRule.Judge(Input(runs: [run], reviews: [Review(run)])).ClearForRelease);
    }

    [Fact]
    public void Judge_RunChangedAfterTheReview_BlocksAgain()
    {
        var reviewed = Run(10, 10);
        var grown = Run(10, 11);

        var verdict = ReleaseRule.Judge(Input(runs: [grown], reviews: [Review(reviewed)]));

        Assert.False(verdict.ClearForRelease);
        Assert.Contains(verdict.Reasons, r => r.Contains("no breach review", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_NewRunAfterTheReview_BlocksAndTheReviewedOneDoesNot()
    {
        var reviewed = Run(10, 10);
        var late = Run(90, 90, LimitLevel.Action);

        var verdict = ReleaseRule.Judge(Input(runs: [reviewed, late], reviews: [Review(reviewed)]));

        var reason = Assert.Single(verdict.Reasons);
        Assert.Contains("Action samples", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_CappedSeries_NotClear()
    {
        var verdict = ReleaseRule.Judge(Input(capped: ["th1/temperature"]));

        Assert.False(verdict.ClearForRelease);
        Assert.Contains(verdict.Reasons, r => r.StartsWith("th1/temperature", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_OutOfServiceWithoutClosedSystemExcursion_NotClear()
    {
        var period = new OutOfServicePeriod(Guid.NewGuid(), Th1, Room, null, T0.AddMinutes(30), T0.AddMinutes(60), "calibration", "eng");
        var recorded = Excursion(ExcursionKind.System, sensor: null, parameter: null, started: period.From, ended: period.From,
            status: ExcursionStatus.Acknowledged, rule: "monitoring stopped by eng: sensor th1 (all parameters) out of service until …");

        var open = ReleaseRule.Judge(Input(touching: [recorded], outOfService: [period]));
        var none = ReleaseRule.Judge(Input(outOfService: [period]));
        var closed = ReleaseRule.Judge(Input(touching: [recorded with { Status = ExcursionStatus.Closed }], outOfService: [period]));

        Assert.Contains(open.Reasons, r => r.Contains("out of service", StringComparison.Ordinal));
        Assert.Contains(none.Reasons, r => r.Contains("out of service", StringComparison.Ordinal));
        Assert.True(closed.ClearForRelease, string.Join("; ", closed.Reasons));
    }

    [Fact]
    public void Judge_NonMonitoringWindow_ClearOnlyWithItsClosedSystemExcursion()
    {
        var window = new RoomWindow(Guid.NewGuid(), Room, RoomWindowKind.NonMonitoring, T0.AddMinutes(30), T0.AddMinutes(60), "filter change", "eng");
        var recorded = Excursion(ExcursionKind.System, sensor: null, parameter: null, started: T0, ended: T0,
            rule: $"monitoring stopped by eng: non-monitoring window {window.From:o} to {window.To:o}; reason: filter change");
        var another = recorded with { Rule = $"monitoring stopped by eng: non-monitoring window {T0:o} to {window.To:o}; reason: other" };

        Assert.False(ReleaseRule.Judge(Input(windows: [window])).ClearForRelease);
        Assert.False(ReleaseRule.Judge(Input(touching: [another], windows: [window])).ClearForRelease);
        Assert.True(ReleaseRule.Judge(Input(touching: [recorded], windows: [window])).ClearForRelease);
    }

    [Fact]
    public void Runs_SamplesSplitByLevelAndByAMissedSample()
    {
        (DateTimeOffset, LimitLevel) At(int minute, LimitLevel level) => (T0.AddMinutes(minute), level);

        var runs = ReleaseRule.Runs(Th1, Room, Parameter.Temperature, Minute,
            [At(12, LimitLevel.Alert), At(10, LimitLevel.Alert), At(11, LimitLevel.Alert), At(13, LimitLevel.Action), At(14, LimitLevel.Action),
             At(16, LimitLevel.Action), At(17, LimitLevel.Normal)]);

        Assert.Equal([Run(10, 12), Run(13, 14, LimitLevel.Action), Run(16, 16, LimitLevel.Action)], runs);
    }
}
