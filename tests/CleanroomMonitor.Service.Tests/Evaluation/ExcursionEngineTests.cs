using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Evaluation;

namespace CleanroomMonitor.Service.Tests.Evaluation;

/// <summary>Rules of the engine stage that were tested only through real processes: record before tell, judging from
/// the first reading without waiting for InfluxDB, late sequence seeds, system conditions, the published view.</summary>
public sealed class ExcursionEngineTests
{
    [Fact]
    public async Task Reading_BeyondActionLimit_RecordedWithItsAuditEntryBeforeTheNotifierHears()
    {
        await using var stage = await EngineStage.StartAsync();

        await stage.SendAsync(EngineStage.Temperature(31, TimeSpan.FromSeconds(1)));

        var (change, recordedFirst) = await stage.Notifier.NextAsync();
        Assert.Equal(ExcursionAction.Raised, change.Action);
        Assert.Equal(LimitLevel.Action, change.After.Level);
        Assert.True(recordedFirst, "the notifier heard of the excursion before the record store held it");
        var audit = Assert.Single(stage.Records.Audit, a => a.Action == AuditAction.OfExcursion(ExcursionAction.Raised));
        Assert.Equal(change.After.Id.ToString(), audit.EntityId);
        Assert.Equal("system", audit.User);
        Assert.Contains(stage.View.Current.Active, e => e.Id == change.After.Id);
    }

    [Fact]
    public async Task SeedsLate_ReadingsJudgedMeanwhile_GapAcrossTheRestartRaisedWhenTheSeedsCome()
    {
        await using var stage = await EngineStage.StartAsync();

        // InfluxDB has not answered: the engine judges anyway (it waited up to 30 s before).
        await stage.SendAsync(EngineStage.Temperature(31, TimeSpan.FromSeconds(1), sequence: 40));
        Assert.Equal(ExcursionAction.Raised, (await stage.Notifier.NextAsync()).Change.Action);

        stage.Seeds.Arrive((new SensorId("th1"), 35L, EngineStage.T0 - TimeSpan.FromMinutes(2)));

        var raised = await stage.Notifier.NextAsync();
        Assert.Equal(ExcursionAction.Raised, raised.Change.Action);
        Assert.Equal(ExcursionKind.DataGap, raised.Change.After.Kind);
        Assert.Equal(4, raised.Change.After.TriggerValue);
        Assert.Equal(EngineStage.T0 - TimeSpan.FromMinutes(2), raised.Change.After.StartedAt);
        Assert.True(raised.RecordedFirst);
    }

    [Fact]
    public async Task SystemCondition_OnThenOff_SystemExcursionRaisedThenReturned()
    {
        await using var stage = await EngineStage.StartAsync();
        var at = stage.Time.GetUtcNow();

        await stage.Engine.ReportSystemConditionAsync(new SystemCondition("buffer-backlog", true, LimitLevel.Alert, "backlog", at), CancellationToken.None);
        await stage.Engine.ReportSystemConditionAsync(new SystemCondition("buffer-backlog", false, LimitLevel.Alert, "drained", at.AddMinutes(1)),
            CancellationToken.None);

        var raised = await stage.Notifier.NextAsync();
        var returned = await stage.Notifier.NextAsync();
        Assert.Equal((ExcursionAction.Raised, ExcursionKind.System), (raised.Change.Action, raised.Change.After.Kind));
        Assert.Equal(ExcursionAction.Returned, returned.Change.Action);
        Assert.Equal(raised.Change.After.Id, returned.Change.After.Id);
        Assert.Equal(at.AddMinutes(1), returned.Change.After.EndedAt);
    }

    [Fact]
    public async Task Tick_ReceivedSampleStillWaitingForThePump_NoDataGapButTheServiceIsBehindUntilItCatchesUp()
    {
        await using var stage = await EngineStage.StartAsync();
        await stage.JudgeAsync(EngineStage.Temperature(21, TimeSpan.Zero));
        // Received 5 s after the first, then stuck upstream of the engine (this stage has no pump: as a pump waiting on a
        // full storage channel would leave it).
        Assert.True(stage.Channels.Samples.Writer.TryWrite(new SensorSample(new SensorId("th1"), EngineStage.T0.AddSeconds(5), EngineStage.T0.AddSeconds(5),
            [new SampleValue(Parameter.Temperature, 21, false)], "test")));

        stage.Time.Advance(TimeSpan.FromHours(1));

        var behind = await stage.Notifier.NextAsync();
        Assert.Equal((ExcursionAction.Raised, ExcursionKind.System, "ingest-behind"), (behind.Change.Action, behind.Change.After.Kind, behind.Change.After.Sensor?.Value));
        Assert.Equal(EngineStage.T0.AddSeconds(5), behind.Change.After.StartedAt);
        // A data gap would have been told before it, in the same tick.
        Assert.False(stage.Notifier.TryNext(out _));

        // The pump takes it on (its reading reaches the engine); the sensor has sent nothing since: now its silence is real.
        Assert.True(stage.Channels.Samples.Reader.TryRead(out _));
        await stage.JudgeAsync(EngineStage.Temperature(21, TimeSpan.FromSeconds(5)) with { ReceivedAt = EngineStage.T0.AddSeconds(5) });
        stage.Time.Advance(TimeSpan.FromSeconds(1));

        var changes = new[] { await stage.Notifier.NextAsync(), await stage.Notifier.NextAsync() }.Select(n => n.Change).ToList();
        Assert.Contains(changes, c => c is { Action: ExcursionAction.Returned, After.Kind: ExcursionKind.System } && c.After.Id == behind.Change.After.Id);
        Assert.Contains(changes, c => c is { Action: ExcursionAction.Raised, After.Kind: ExcursionKind.DataGap });
    }

    [Fact]
    public async Task Tick_SensorSilentBeyondItsGapTime_DataGapRaisedOnlyWhenTheClockMoves()
    {
        await using var stage = await EngineStage.StartAsync();
        await stage.SendAsync(EngineStage.Temperature(21, TimeSpan.Zero));
        // The engine has judged the in-limit reading when a command queued after it is answered.
        await stage.Engine.ReportSystemConditionAsync(new SystemCondition("probe", false, LimitLevel.Alert, "-", EngineStage.T0), CancellationToken.None);
        Assert.False(stage.Notifier.TryNext(out _));

        stage.Time.Advance(TimeSpan.FromHours(1));

        var gap = await stage.Notifier.NextAsync();
        Assert.Equal((ExcursionAction.Raised, ExcursionKind.DataGap), (gap.Change.Action, gap.Change.After.Kind));
    }

    [Fact]
    public async Task Move_AcknowledgeThenCloseTooEarly_SignedMoveRecordedForTheSignerAndTheRefusedOneRecordsNothing()
    {
        await using var stage = await EngineStage.StartAsync();
        await stage.SendAsync(EngineStage.Temperature(31, TimeSpan.FromSeconds(1)));
        var id = (await stage.Notifier.NextAsync()).Change.After.Id;
        Signature Sign(string user, string role, string meaning) => new(Guid.NewGuid(), user, user.ToUpperInvariant(), role, meaning, stage.Time.GetUtcNow(), "password");

        var (acknowledged, error) = await stage.Engine.MoveAsync(id,
            new ExcursionMove.Acknowledge(new ExcursionAcknowledgement(Sign("olga", "Operator", "acknowledged"), "HVAC or filter", "door left open", null)),
            CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(ExcursionStatus.Acknowledged, acknowledged!.Status);
        var heard = await stage.Notifier.NextAsync();
        Assert.Equal((ExcursionAction.Acknowledged, "olga"), (heard.Change.Action, heard.Change.By));
        var entry = Assert.Single(stage.Records.Audit, a => a.Action == AuditAction.OfExcursion(ExcursionAction.Acknowledged));
        Assert.Equal(("olga", "door left open"), (entry.User, entry.Reason));

        // Still active: QA cannot close it yet; the engine answers with the lifecycle's reason and records nothing.
        var auditBefore = stage.Records.Audit.Count;
        var (unchanged, refused) = await stage.Engine.MoveAsync(id,
            new ExcursionMove.Close(new ExcursionClosure(Sign("quinn", "QA", "reviewed and closed"), "none", [], null, "too early")), CancellationToken.None);

        Assert.NotNull(refused);
        Assert.Equal(ExcursionStatus.Acknowledged, unchanged!.Status);
        Assert.Equal(auditBefore, stage.Records.Audit.Count);
        Assert.False(stage.Notifier.TryNext(out _));
    }
}
