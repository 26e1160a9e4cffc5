using System.Data.Common;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.LimitChanges;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Storage.Records;
using Microsoft.Data.Sqlite;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreLimitChangeTests(RecordStoreFixture fixture) : IDisposable
{
    private protected static readonly CancellationToken None = CancellationToken.None;
    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected static LimitChange Proposal() => new(Guid.CreateVersion7(T0), new RoomId("cr1"), null, Parameter.Temperature,
        LimitSpec.Empty with { Alert = new Band(19, 22), Action = new Band(18, 23), Delay = TimeSpan.FromSeconds(30), Justification = "door openings" },
        "trend review", T0.AddHours(1), "qa1", "QA", null, T0);

    private protected static LimitChangeSignature Decision(LimitChange change, string meaning, string by) =>
        new(change.Id, new Signature(Guid.NewGuid(), by, "Printed " + by, "QA", meaning, T0.AddMinutes(5), "password re-entered"), "because",
            meaning == LimitChangeRules.Approved ? change.EffectiveAt : null);

    private protected static AuditEntry Audited(string action, string id, string? oldValue = null, string? newValue = null) =>
        new(T0.AddMinutes(5), "qa", "QA", action, AuditEntity.LimitChange, id, oldValue, newValue, "because");

    private protected async Task<(RecordStore Store, LimitChange Change)> ProposedAsync()
    {
        var sut = await _fixture.OpenAsync();
        var change = Proposal();
        await sut.SaveLimitChangeAsync(change, Audited(AuditAction.LimitChangeProposed, change.Id.ToString()), None);
        return (sut, change);
    }

    [Fact]
    public async Task SaveLimitChangeAsync_Proposal_ReadBackExactlyWithItsAuditEntry()
    {
        var (sut, change) = await ProposedAsync();

        var stored = Assert.Single(await sut.LimitChangesAsync(None));
        Assert.Equal(change, stored.Change);
        Assert.Null(stored.Decision);
        Assert.Equal(change, (await sut.FindLimitChangeAsync(change.Id, None))!.Change);
        Assert.Null(await sut.FindLimitChangeAsync(Guid.NewGuid(), None));
        var audit = Assert.Single(await sut.AuditTrailAsync(change.Id.ToString(), null, null, None));
        Assert.Equal(AuditAction.LimitChangeProposed, audit.Entry.Action);
        Assert.Contains("door openings", audit.Entry.NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveLimitChangeDecisionAsync_SecondDecision_FalseAndTheFirstStands()
    {
        var (sut, change) = await ProposedAsync();

        Assert.True(await sut.SaveLimitChangeDecisionAsync(Decision(change, LimitChangeRules.Approved, "qa2"),
            Audited(AuditAction.LimitChangeApproved, change.Id.ToString(), "{\"old\":1}", "{\"new\":2}"), None));
        Assert.False(await sut.SaveLimitChangeDecisionAsync(Decision(change, LimitChangeRules.Rejected, "qa3"),
            Audited(AuditAction.LimitChangeRejected, change.Id.ToString()), None));

        var stored = (await sut.FindLimitChangeAsync(change.Id, None))!;
        Assert.Equal("qa2", stored.Decision!.Signature.UserName);
        Assert.Equal(LimitChangeState.Effective, stored.StateAt(T0.AddHours(2)));
        var audit = await sut.AuditTrailAsync(change.Id.ToString(), null, null, None);
        Assert.Equal([AuditAction.LimitChangeProposed, AuditAction.LimitChangeApproved], audit.Select(a => a.Entry.Action));
        Assert.Equal(("{\"old\":1}", "{\"new\":2}"), (audit[1].Entry.OldValue, audit[1].Entry.NewValue));
    }

    [Fact]
    public async Task SaveLimitChangeDecisionAsync_UnknownChange_FalseAndNothingWritten()
    {
        var sut = await _fixture.OpenAsync();
        var stray = Proposal();

        Assert.False(await sut.SaveLimitChangeDecisionAsync(Decision(stray, LimitChangeRules.Approved, "qa2"),
            Audited(AuditAction.LimitChangeApproved, stray.Id.ToString()), None));
        Assert.Equal(0L, _fixture.ScalarRaw("SELECT count(*) FROM limit_change_signatures"));
    }

    [Fact]
    public async Task AddLimitChangeEvidenceAsync_AnyJson_ListedInOrderAsGiven()
    {
        var (sut, change) = await ProposedAsync();

        var first = await sut.AddLimitChangeEvidenceAsync(change.Id, "replay", "{\"excursions\":{\"current\":3,\"proposed\":5}}", "qa1", T0.AddMinutes(1),
            Audited(AuditAction.LimitChangeEvidenceAdded, change.Id.ToString()), None);
        await sut.AddLimitChangeEvidenceAsync(change.Id, "alert-proposal", "[1, 2.5, null]", "system", T0.AddMinutes(2),
            Audited(AuditAction.LimitChangeEvidenceAdded, change.Id.ToString()), None);

        var evidence = await sut.LimitChangeEvidenceAsync(change.Id, None);
        Assert.Equal(["replay", "alert-proposal"], evidence.Select(e => e.Kind));
        Assert.Equal(first, evidence[0]);
        Assert.Equal("[1, 2.5, null]", evidence[1].Json);
        Assert.Equal(2, Assert.Single(await sut.LimitChangesAsync(None)).Evidence.Count);
        await Assert.ThrowsAsync<RecordStoreException>(() => sut.AddLimitChangeEvidenceAsync(Guid.NewGuid(), "replay", "{}", "qa1", T0,
            Audited(AuditAction.LimitChangeEvidenceAdded, ""), None));
    }

    [Theory]
    [InlineData("UPDATE limit_changes SET reason = 'other'", "UPDATE refused")]
    [InlineData("DELETE FROM limit_changes", "DELETE refused")]
    [InlineData("UPDATE limit_change_signatures SET meaning = 'rejected'", "UPDATE refused")]
    [InlineData("DELETE FROM limit_change_signatures", "DELETE refused")]
    [InlineData("UPDATE limit_change_evidence SET json = '{}'", "UPDATE refused")]
    [InlineData("DELETE FROM limit_change_evidence", "DELETE refused")]
    public async Task LimitChangeTables_ChangedOrDeleted_Refused(string sql, string expected)
    {
        var (sut, change) = await ProposedAsync();
        await sut.SaveLimitChangeDecisionAsync(Decision(change, LimitChangeRules.Approved, "qa2"), Audited(AuditAction.LimitChangeApproved, change.Id.ToString()), None);
        await sut.AddLimitChangeEvidenceAsync(change.Id, "replay", "{}", "qa1", T0, Audited(AuditAction.LimitChangeEvidenceAdded, change.Id.ToString()), None);

        var ex = Assert.ThrowsAny<DbException>(() => _fixture.ExecuteRaw(sql));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(change, (await sut.FindLimitChangeAsync(change.Id, None))!.Change);
    }
}

/// <summary>SQLite only, besides the shared tests: the upgrade of files written by older releases (PostgreSQL stores start at the current schema version), and an orphan decision, which SQLite stores once its foreign keys are off (PostgreSQL always enforces them).</summary>
public sealed class RecordStoreLimitChangeTests_Sqlite() : RecordStoreLimitChangeTests(new RecordStoreFixture())
{
    [Fact]
    public async Task InitializeAsync_Version6File_UpgradesAddingTheLimitChangeTablesWithoutATamperAlarm()
    {
        (await _fixture.OpenAsync()).Dispose();
        _fixture.ExecuteRaw(
            "DROP TRIGGER limit_changes_no_update; DROP TRIGGER limit_changes_no_delete; DROP TRIGGER limit_change_signatures_no_update; " +
            "DROP TRIGGER limit_change_signatures_no_delete; DROP TRIGGER limit_change_evidence_no_update; DROP TRIGGER limit_change_evidence_no_delete; " +
            "DROP TABLE limit_change_evidence; DROP TABLE limit_change_signatures; DROP TABLE limit_changes; PRAGMA user_version = 6;");

        var sut = await _fixture.OpenAsync();

        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
        Assert.False(_fixture.Logger.Has(3505));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3506 && e.Message.Contains("limit_changes", StringComparison.Ordinal));
        Assert.Empty(await sut.LimitChangesAsync(None));
    }

    [Fact]
    public async Task VerifyAsync_LimitChanges_CountedAndAnOrphanDecisionReported()
    {
        var (sut, change) = await ProposedAsync();
        await sut.SaveLimitChangeDecisionAsync(Decision(change, LimitChangeRules.Approved, "qa2"), Audited(AuditAction.LimitChangeApproved, change.Id.ToString()), None);
        sut.Dispose();

        var intact = await _fixture.VerifyStoreAsync();
        Assert.True(intact.IsIntact, intact.Detail);
        Assert.Contains("1 limit change(s)", intact.Detail, StringComparison.Ordinal);

        _fixture.ExecuteRaw("PRAGMA foreign_keys = OFF; INSERT INTO limit_change_signatures (change_id, user, role, meaning, signed_at, record) " +
                            "VALUES ('no-such-change', 'x', 'QA', 'approved', '2026-01-01T00:00:00.0000000Z', '{}');");

        var broken = await _fixture.VerifyStoreAsync();
        Assert.False(broken.IsIntact);
        Assert.Contains("no-such-change", broken.Detail, StringComparison.Ordinal);
    }
}

public sealed class RecordStoreLimitChangeTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreLimitChangeTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
