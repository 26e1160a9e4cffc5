using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Service.Tests.Evaluation;

/// <summary>The engine's commands as its one input carries them, each tested before only through the API of a running
/// service: batches, out of service and back (by hand and at the expected end), non-monitoring windows, and a record
/// store that refuses a command's transaction.</summary>
public sealed class EngineCommandTests
{
    private static readonly RoomId Cr1 = new("cr1");
    private static readonly SensorId Th1 = new("th1");

    [Fact]
    public async Task StartBatch_ThenABreachThenEnd_RoomInOperationExcursionLinkedAndBothAuditedForThePerson()
    {
        await using var stage = await EngineStage.StartAsync();

        var (batch, problem) = await stage.Engine.StartBatchAsync(new BatchStart("B-1", "CAR-T", "tenant-a", ["cr1"], "open", null, "op.alice"),
            "campaign start", CancellationToken.None);
        Assert.Null(problem);
        Assert.Equal(RoomState.InOperation, stage.View.Current.CurrentState(Cr1));
        await stage.JudgeAsync(EngineStage.Temperature(31, TimeSpan.FromSeconds(1)));
        var raised = await stage.Notifier.NextAsync();
        var (ended, _) = await stage.Engine.EndBatchAsync(new BatchEnd("B-1", null, "op.alice"), "campaign end", CancellationToken.None);

        Assert.Contains("B-1", raised.Change.After.Batches);
        Assert.NotNull(ended!.EndedAt);
        var started = Assert.Single(stage.Records.Audit, a => a.Action == AuditAction.BatchStarted);
        Assert.Equal(("op.alice", "campaign start", batch!.Number), (started.User, started.Reason, started.EntityId));
        Assert.Single(stage.Records.Audit, a => a.Action == AuditAction.BatchEnded && a.User == "op.alice" && a.Reason == "campaign end");
        Assert.Empty(stage.View.Current.ActiveBatches);
    }

    [Fact]
    public async Task TakeOutOfService_ThenABreachThenBackInService_SystemExcursionForQaAndOnlyTheLaterBreachJudged()
    {
        await using var stage = await EngineStage.StartAsync();

        var (period, problem) = await stage.Engine.TakeOutOfServiceAsync(Th1, null, EngineStage.T0.AddHours(2), "probe swap", "eng.bob",
            CancellationToken.None);
        Assert.Null(problem);
        // The stop is recorded at once as a System excursion, raised and returned, that QA reviews and closes.
        var system = await stage.Notifier.NextAsync();
        Assert.Equal((ExcursionAction.Raised, ExcursionKind.System), (system.Change.Action, system.Change.After.Kind));
        Assert.Contains("monitoring stopped by eng.bob", system.Change.After.Rule, StringComparison.Ordinal);
        Assert.Equal(ExcursionAction.Returned, (await stage.Notifier.NextAsync()).Change.Action);
        Assert.True(stage.View.Current.IsOutOfService(Th1, Parameter.Temperature, stage.Time.GetUtcNow()));

        await stage.JudgeAsync(EngineStage.Temperature(31, TimeSpan.FromSeconds(1)));
        Assert.False(stage.Notifier.TryNext(out _));

        var back = await stage.Engine.ReturnToServiceAsync(period!.Id, "eng.bob", "new probe fitted", CancellationToken.None);
        await stage.JudgeAsync(EngineStage.Temperature(31, TimeSpan.FromSeconds(2)));

        Assert.NotNull(back!.ReturnedAt);
        var breach = await stage.Notifier.NextAsync();
        Assert.Equal((ExcursionAction.Raised, ExcursionKind.Temperature), (breach.Change.Action, breach.Change.After.Kind));
        var audit = stage.Records.Audit.Where(a => a.EntityType == AuditEntity.Sensor).ToList();
        Assert.Equal(["eng.bob", "eng.bob"], audit.Select(a => a.User));
        Assert.Equal(["probe swap", "new probe fitted"], audit.Select(a => a.Reason));
    }

    [Fact]
    public async Task TakeOutOfService_ExpectedEndPasses_ReturnedByTheServiceAccountAtTheExpectedEnd()
    {
        await using var stage = await EngineStage.StartAsync();
        var expectedEnd = EngineStage.T0.AddMinutes(30);
        var (period, _) = await stage.Engine.TakeOutOfServiceAsync(Th1, Parameter.Temperature, expectedEnd, "cleaning", "eng.bob", CancellationToken.None);
        await stage.Notifier.NextAsync();   // the System excursion of the stop, raised
        await stage.Notifier.NextAsync();   // and returned at once

        stage.Time.Advance(TimeSpan.FromMinutes(31));

        await Eventually.UntilAsync(() => stage.View.Current.OutOfService.Any(p => p.Id == period!.Id && p.ReturnedAt is not null), TimeSpan.FromSeconds(20), "the automatic return");
        var returned = stage.Records.Audit.Last(a => a.EntityType == AuditEntity.Sensor);
        Assert.Equal("system", returned.User);
        Assert.False(stage.View.Current.IsOutOfService(Th1, Parameter.Temperature, stage.Time.GetUtcNow()));
    }

    [Fact]
    public async Task DeclareNonMonitoringWindow_ThenEndIt_RoomNotMonitoredWithASystemExcursionThenMonitoredAgainAndBothAudited()
    {
        await using var stage = await EngineStage.StartAsync();
        var now = stage.Time.GetUtcNow();
        var window = new RoomWindow(Guid.NewGuid(), Cr1, RoomWindowKind.NonMonitoring, now, now.AddHours(4), "fumigation", "op.alice");

        await stage.Engine.DeclareWindowAsync(window, CancellationToken.None);

        Assert.Equal(RoomState.NotMonitored, stage.View.Current.CurrentState(Cr1));
        var system = await stage.Notifier.NextAsync();
        Assert.Equal((ExcursionKind.System, Cr1), (system.Change.After.Kind, system.Change.After.Room));
        Assert.Equal(ExcursionAction.Returned, (await stage.Notifier.NextAsync()).Change.Action);
        await stage.JudgeAsync(EngineStage.Temperature(31, TimeSpan.FromSeconds(1)));
        Assert.False(stage.Notifier.TryNext(out _));

        stage.Time.Advance(TimeSpan.FromMinutes(10));
        var ended = await stage.Engine.EndWindowAsync(window.Id, "op.alice", "fumigation done early", CancellationToken.None);

        Assert.Equal(stage.Time.GetUtcNow(), ended!.To);
        Assert.NotEqual(RoomState.NotMonitored, stage.View.Current.CurrentState(Cr1));
        var endAudit = Assert.Single(stage.Records.Audit, a => a.Action == AuditAction.WindowEnded);
        Assert.Equal(("op.alice", "fumigation done early"), (endAudit.User, endAudit.Reason));
        Assert.NotNull(endAudit.OldValue);
        Assert.Null(await stage.Engine.EndWindowAsync(window.Id, "op.alice", "again", CancellationToken.None));
    }

    [Fact]
    public async Task StartBatch_RecordStoreRefusesTheTransaction_ThatCommandFailsAndTheEngineGoesOnJudging()
    {
        await using var stage = await EngineStage.StartAsync();
        stage.Records.CommitsToRefuse = 1;

        await Assert.ThrowsAsync<RecordStoreException>(() =>
            stage.Engine.StartBatchAsync(new BatchStart("B-2", "CAR-T", "tenant-a", ["cr1"], "open", null, "op.alice"), CancellationToken.None));
        await stage.SendAsync(EngineStage.Temperature(31, TimeSpan.FromSeconds(1)));

        var raised = await stage.Notifier.NextAsync();
        Assert.Equal(ExcursionAction.Raised, raised.Change.Action);
        Assert.True(raised.RecordedFirst);
    }
}
