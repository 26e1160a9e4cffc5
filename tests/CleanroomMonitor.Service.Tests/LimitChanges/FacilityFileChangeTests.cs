using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.LimitChanges;
using CleanroomMonitor.Service.Observability;
using CleanroomMonitor.Service.Recording;
using CleanroomMonitor.Service.Tests.Doubles;
using CleanroomMonitor.Service.Tests.Evaluation;
using CleanroomMonitor.Storage.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Options = Microsoft.Extensions.Options.Options;

namespace CleanroomMonitor.Service.Tests.LimitChanges;

/// <summary>The facility file is the limits' baseline: a start with a changed file records the changed limit sets as the
/// change of the author given at start (Facility:ChangedBy), or, with none given, as "author not given" with a System
/// excursion that QA must review (docs/gmp.md "Limit changes under change control").</summary>
public sealed class FacilityFileChangeTests : IAsyncDisposable
{
    private static readonly string Changed = EngineStage.FacilityJson.Replace("\"high\": 23", "\"high\": 22", StringComparison.Ordinal);
    private readonly InMemoryRecordStore _records = new();
    private readonly InMemoryUserStore _users = new();
    private readonly FakeTimeProvider _time = new(EngineStage.T0);
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public FacilityFileChangeTests() => _users.Users.Add(InMemoryUserStore.Person("qa.lead", Role.QA));

    public async ValueTask DisposeAsync() => await _metrics.DisposeAsync();

    private async Task StartAndStopAsync(string facilityJson, string? changedBy = null, string? reason = null)
    {
        var facility = FacilityReader.Parse(facilityJson, "facility.json");
        var roles = new AuditRoles(_users);
        var recorder = new Recorder(facility, _records, roles, [], _time, new AlertLatency(_metrics.GetRequiredService<IMeterFactory>(), _time), NullLogger<Recorder>.Instance);
        using var engine = new ExcursionEngine(facility, new PipelineChannels(), _records, recorder, roles, new GatedSeedSource(), _time, new FakeLogger<ExcursionEngine>(),
            new EngineView(facility), Options.Create(new IngestOptions()), null,
            Options.Create(new FacilityFileChangeOptions { ChangedBy = changedBy, ChangeReason = reason }));
        await engine.StartAsync(CancellationToken.None);
        await engine.Ready.WaitAsync(TimeSpan.FromSeconds(20));
        await engine.StopAsync(CancellationToken.None);
    }

    private List<AuditEntry> Entries(string action) => [.. _records.Audit.Where(a => a.Action == action)];

    /// <summary>The System excursions as last recorded (the audit trail holds each change's new state).</summary>
    private Task<List<Excursion>> SystemExcursionsAsync() => Task.FromResult<List<Excursion>>([.. _records.Audit
        .Where(a => a.EntityType == AuditEntity.Excursion && a.NewValue is not null)
        .Select(a => RecordJson.Deserialize<Excursion>(a.NewValue!))
        .GroupBy(e => e.Id).Select(g => g.Last())
        .Where(e => e.Kind == ExcursionKind.System)]);

    [Fact]
    public async Task Start_ChangedFileWithoutAuthor_RecordedAsAuthorNotGivenAndRaisedAsSystemExcursion()
    {
        await StartAndStopAsync(EngineStage.FacilityJson);
        Assert.Empty(Entries(AuditAction.LimitsChanged));

        await StartAndStopAsync(Changed);

        var changes = Entries(AuditAction.LimitsChanged);
        Assert.Equal(3, changes.Count);   // th1 temperature at rest and in operation, and the file's own version
        Assert.All(changes, c => Assert.Contains("author not given", c.Reason, StringComparison.Ordinal));
        var raised = Assert.Single(await SystemExcursionsAsync());
        Assert.Equal(LimitLevel.Alert, raised.Level);
        Assert.Contains("no author was given", raised.Rule, StringComparison.Ordinal);
        Assert.False(raised.IsActive);   // returned at once: QA reviews and closes it
        Assert.NotEqual(ExcursionStatus.Closed, raised.Status);
    }

    [Fact]
    public async Task Start_ChangedFileWithAuthor_RecordedAsTheAuthorsChangeWithReasonAndNoSystemExcursion()
    {
        await StartAndStopAsync(EngineStage.FacilityJson);

        await StartAndStopAsync(Changed, "qa.lead", "CR-2026-014: alert level from the Q3 trend review");

        var changes = Entries(AuditAction.LimitsChanged);
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal(("qa.lead", "QA"), (c.User, c.Role)));
        Assert.All(changes, c => Assert.Contains("CR-2026-014", c.Reason, StringComparison.Ordinal));
        Assert.Empty(await SystemExcursionsAsync());
    }

    [Fact]
    public async Task Start_SameFileAgain_NothingRecordedNothingRaised()
    {
        await StartAndStopAsync(EngineStage.FacilityJson);
        var entries = _records.Audit.Count;

        await StartAndStopAsync(EngineStage.FacilityJson);

        Assert.Equal(entries, _records.Audit.Count);
        Assert.Empty(await SystemExcursionsAsync());
    }
}
