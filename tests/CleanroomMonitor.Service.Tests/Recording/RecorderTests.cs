using CleanroomMonitor.Core.Security;
using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Alerting;
using CleanroomMonitor.Service.Observability;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Tests.Doubles;
using CleanroomMonitor.Service.Tests.Evaluation;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanroomMonitor.Service.Tests.Recording;

/// <summary>The stage after judging, on its own: one transaction per pass in record order, attribution of every audit
/// entry, the never-throw boundary around notifiers, the rule-state snapshot that survives a failing disk, and limit
/// versions recorded by the service account.</summary>
public sealed class RecorderTests : IDisposable
{
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new(EngineStage.T0);
    private readonly InMemoryRecordStore _records = new();
    private readonly InMemoryUserStore _users = new() { Users = { InMemoryUserStore.Person("op.alice", Role.Operator), InMemoryUserStore.Person("eng.bob", Role.Operator, Role.Admin) } };
    private readonly FakeLogger<Recorder> _log = new();
    private readonly FacilityDefinition _facility = FacilityReader.Parse(EngineStage.FacilityJson, "facility.json");

    [Fact]
    public async Task CommitAsync_APassOfSteps_OneTransactionWithEveryAuditEntryInRecordOrderAndAttributed()
    {
        var tracker = new ExcursionTracker(_facility, EngineStage.T0);
        var (batch, _, started) = tracker.StartBatch(new BatchStart("B-1", "CAR-T", "tenant-a", ["cr1"], "open", EngineStage.T0, "op.alice"), EngineStage.T0);
        var (_, _, outOfService) = tracker.TakeOutOfService(new SensorId("th1"), null, EngineStage.T0.AddHours(1), "probe swap", "eng.bob", EngineStage.T0);
        var recorder = NewRecorder([]);

        await recorder.CommitAsync(
        [
            new JudgedStep(started, "campaign start", new RecordWrite.BatchSaved(batch!, AuditEntries.Of(EngineStage.T0, "op.alice", "Operator", AuditAction.BatchStarted,
                AuditEntity.Batch, batch!.Number, null, batch, "campaign start"))),
            new JudgedStep(outOfService),
        ], CancellationToken.None);

        Assert.Equal(1, _records.Commits);
        var audit = _records.Audit;
        Assert.Equal(AuditAction.BatchStarted, audit[0].Action);
        Assert.Equal("op.alice", audit[0].User);
        var roomState = Assert.Single(audit, a => a.Action == AuditAction.RoomStateChanged);
        Assert.Equal(("system", "system"), (roomState.User, roomState.Role));   // the state the batch caused is the service's own change
        Assert.True(audit.ToList().IndexOf(roomState) > 0, "the room state the batch caused is written after the batch");
        var period = Assert.Single(audit, a => a.EntityType == AuditEntity.Sensor);
        Assert.Equal(("eng.bob", "Operator,Admin"), (period.User, period.Role));
        Assert.Equal("probe swap", period.Reason);
    }

    [Fact]
    public async Task TellAsync_ANotifierThrows_TheOthersAreStillToldAndTheFailureIsLogged()
    {
        var tracker = new ExcursionTracker(_facility, EngineStage.T0);
        var outcome = tracker.OnReading(EngineStage.Temperature(31, TimeSpan.FromSeconds(1)));
        var told = new RecordingNotifier(_records);
        var recorder = NewRecorder([new BrokenNotifier(), told]);
        var steps = new[] { new JudgedStep(outcome) };

        await recorder.CommitAsync(steps, CancellationToken.None);
        await recorder.TellAsync(steps, CancellationToken.None);

        var (change, recordedFirst) = await told.NextAsync();
        Assert.Equal(ExcursionAction.Raised, change.Action);
        Assert.True(recordedFirst);
        Assert.Equal(1, _log.Count(4004));
    }

    [Fact]
    public async Task SaveRuleStateAsync_DiskRefusesOnce_LoggedThenSavedOnTheNextCall()
    {
        var tracker = new ExcursionTracker(_facility, EngineStage.T0);
        tracker.OnReading(EngineStage.Temperature(24, TimeSpan.FromSeconds(1)));
        _records.RuleStateSavesToRefuse = 1;
        var recorder = NewRecorder([]);

        await recorder.SaveRuleStateAsync(tracker, CancellationToken.None);
        Assert.Null(_records.RuleState);
        Assert.Equal(1, _log.Count(4015));

        await recorder.SaveRuleStateAsync(tracker, CancellationToken.None);
        Assert.NotNull(_records.RuleState);
    }

    [Fact]
    public async Task RecordLimitVersionsAsync_FirstStartThenSameThenChangedFile_RecordedOnceAndChangeAttributedToTheServiceAccount()
    {
        await NewRecorder([]).RecordLimitVersionsAsync(new ExcursionTracker(_facility, EngineStage.T0).Limits, CancellationToken.None);
        var recorded = _records.Audit.Where(a => a.Action == AuditAction.LimitsRecorded).ToList();
        Assert.Equal(2, recorded.Count);   // th1 temperature, at rest and in operation

        await NewRecorder([]).RecordLimitVersionsAsync(new ExcursionTracker(_facility, EngineStage.T0).Limits, CancellationToken.None);
        Assert.Equal(2, _records.Audit.Count);

        var changed = FacilityReader.Parse(EngineStage.FacilityJson.Replace("\"high\": 23", "\"high\": 22", StringComparison.Ordinal), "facility.json");
        await new Recorder(changed, _records, new AuditRoles(_users), [], _time, Latency(), _log).RecordLimitVersionsAsync(new ExcursionTracker(changed, EngineStage.T0).Limits,
            CancellationToken.None);
        var changes = _records.Audit.Where(a => a.Action == AuditAction.LimitsChanged).ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal(AuditEntries.ServiceAccount, c.User));
        Assert.All(changes, c => Assert.Contains(changed.Version, c.Reason, StringComparison.Ordinal));
    }

    public void Dispose() => _metrics.Dispose();

    private Recorder NewRecorder(IExcursionNotifier[] notifiers) => new(_facility, _records, new AuditRoles(_users), notifiers, _time, Latency(), _log);

    private AlertLatency Latency() => new(_metrics.GetRequiredService<IMeterFactory>(), _time);

    private sealed class BrokenNotifier : IExcursionNotifier
    {
        public string Name => "broken";

        public ValueTask NotifyAsync(ExcursionChange change, CancellationToken cancellationToken) => throw new InvalidOperationException("gateway down");
    }
}
