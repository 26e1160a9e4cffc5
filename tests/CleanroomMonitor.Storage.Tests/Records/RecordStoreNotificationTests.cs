using System.Data.Common;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Data.Sqlite;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreNotificationTests(RecordStoreFixture fixture) : IDisposable
{
    private protected static readonly CancellationToken None = CancellationToken.None;
    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected static StoredPlan Plan(string text, string version) => new(text, version, T0, "admin.1", "night roster for December");

    private protected static AuditEntry PlanAudit() =>
        new(T0, "admin.1", "user", AuditAction.NotificationPlanChanged, AuditEntity.NotificationPlan, RecordStore.PlanEntityId, null, null, "night roster");

    private protected static Escalation Escalation(Guid excursion, string route = "action", EscalationState state = EscalationState.Running) =>
        new(excursion, route, "standard", T0, 1, 0, state == EscalationState.Running ? T0.AddMinutes(10) : null, state);

    private protected static Delivery Delivery(Guid excursion, DeliveryStatus status = DeliveryStatus.Pending, int minutes = 0) =>
        new(Guid.NewGuid(), excursion, "action", 1, 0, "dora", "Dora Day", ["sms", "email"], T0.AddMinutes(minutes), status, []);

    [Fact]
    public async Task SavePlanAsync_TwoVersions_LastInForceHistoryKeptAndAuditedOldToNew()
    {
        var sut = await _fixture.OpenAsync();
        Assert.Null(await sut.PlanAsync(None));

        await sut.SavePlanAsync(Plan("{ \"contacts\": [] }", "aaaaaaaaaaaa"), PlanAudit(), None);
        await sut.SavePlanAsync(Plan("{ \"routes\": [] }", "bbbbbbbbbbbb"), PlanAudit(), None);

        Assert.Equal("bbbbbbbbbbbb", (await sut.PlanAsync(None))!.Version);
        Assert.Equal(["aaaaaaaaaaaa", "bbbbbbbbbbbb"], (await sut.PlanHistoryAsync(None)).Select(p => p.Version));
        var audits = await sut.AuditTrailAsync(RecordStore.PlanEntityId, null, null, None);
        Assert.Equal(2, audits.Count);
        Assert.Null(audits[0].Entry.OldValue);
        Assert.Contains("aaaaaaaaaaaa", audits[1].Entry.OldValue, StringComparison.Ordinal);
        Assert.Contains("bbbbbbbbbbbb", audits[1].Entry.NewValue, StringComparison.Ordinal);
        Assert.Equal(AuditEntity.NotificationPlan, audits[1].Entry.EntityType);
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }

    [Theory]
    [InlineData("UPDATE notification_plans SET record = '{}'", "kept as saved")]
    [InlineData("DELETE FROM notification_plans", "kept")]
    [InlineData("DELETE FROM notification_deliveries", "never deleted")]
    public async Task NotificationRecords_ChangedOrDeleted_Refused(string sql, string words)
    {
        var sut = await _fixture.OpenAsync();
        await sut.SavePlanAsync(Plan("{}", "aaaaaaaaaaaa"), PlanAudit(), None);
        await sut.SaveAsync([], [Delivery(Guid.NewGuid())], None);

        var ex = Assert.ThrowsAny<DbException>(() => _fixture.ExecuteRaw(sql));

        Assert.Contains(words, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsync_EscalationMoves_ReplaceInPlaceAndStoppedOnesLeaveTheLiveList()
    {
        var sut = await _fixture.OpenAsync();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await sut.SaveAsync([Escalation(first), Escalation(first, "alert-suite"), Escalation(second)], [], None);

        await sut.SaveAsync([Escalation(first) with { State = EscalationState.Stopped, DueAt = null, Note = "acknowledged by anna" }], [], None);

        var live = await sut.LiveEscalationsAsync(None);
        Assert.Equal(2, live.Count);
        Assert.DoesNotContain(live, e => e.ExcursionId == first && e.Route == "action");
        var ofFirst = await sut.EscalationsOfAsync(first, None);
        Assert.Equal(2, ofFirst.Count);
        var stopped = Assert.Single(ofFirst, e => e.Route == "action");
        Assert.Equal("acknowledged by anna", stopped.Note);
        Assert.Equal(T0.AddMinutes(10), Assert.Single(ofFirst, e => e.Route == "alert-suite").DueAt);
    }

    [Fact]
    public async Task SaveAsync_DeliveryPendingThenFinished_LeavesThePendingListWithItsAttempts()
    {
        var sut = await _fixture.OpenAsync();
        var excursion = Guid.NewGuid();
        var pending = Delivery(excursion);
        await sut.SaveAsync([Escalation(excursion)], [pending, Delivery(Guid.NewGuid(), minutes: 1)], None);
        Assert.Equal(2, (await sut.PendingDeliveriesAsync(None)).Count);

        var delivered = pending with
        {
            Status = DeliveryStatus.Delivered,
            Attempts = [new DeliveryAttempt("sms", "+4915100000001", T0.AddSeconds(1), false, "HTTP 500 upstream down"),
                        new DeliveryAttempt("email", "dora@example.org", T0.AddSeconds(2), true, "250 2.0.0 Ok: queued")],
        };
        await sut.SaveAsync([], [delivered], None);

        Assert.Single(await sut.PendingDeliveriesAsync(None));
        var read = Assert.Single(await sut.DeliveriesAsync(excursion, None));
        Assert.Equal(DeliveryStatus.Delivered, read.Status);
        Assert.Equal(["sms", "email"], read.Attempts.Select(a => a.Channel));
        Assert.Equal("HTTP 500 upstream down", read.Attempts[0].Answer);
        Assert.Equal(T0.AddSeconds(2), read.DeliveredAt);
        Assert.Equal(2, (await sut.RecentDeliveriesAsync(10, None)).Count);
    }
}

/// <summary>SQLite only, besides the shared tests: the upgrade of files written by older releases (PostgreSQL stores start at the current schema version).</summary>
public sealed class RecordStoreNotificationTests_Sqlite() : RecordStoreNotificationTests(new RecordStoreFixture())
{
    [Fact]
    public async Task InitializeAsync_Version3File_UpgradesAddingTheNotificationTables()
    {
        var first = await _fixture.OpenAsync();
        await first.SaveBatchAsync(Batch(), Audit("batch.started"), None);
        first.Dispose();
        _fixture.ExecuteRaw("DROP TRIGGER notification_plans_no_update; DROP TRIGGER notification_plans_no_delete; " +
                            "DROP TRIGGER notification_deliveries_no_delete; DROP TABLE notification_plans; DROP TABLE escalations; " +
                            "DROP TABLE notification_deliveries; PRAGMA user_version = 3;");

        var sut = await _fixture.OpenAsync();

        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        Assert.False(_fixture.Logger.Has(3505));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3506 && e.Message.Contains($"from schema 3 to {RecordSchema.Version}", StringComparison.Ordinal)
            && e.Message.Contains("notification_deliveries", StringComparison.Ordinal));
        Assert.Null(await sut.PlanAsync(None));
        await sut.SaveAsync([], [Delivery(Guid.NewGuid())], None);
        Assert.Single(await sut.PendingDeliveriesAsync(None));
    }
}

public sealed class RecordStoreNotificationTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreNotificationTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
