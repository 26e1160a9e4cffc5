using System.Data.Common;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Storage.Records;
using Microsoft.Data.Sqlite;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreQualificationTests(RecordStoreFixture fixture) : IDisposable
{
    private protected static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Bytes a careless store would change: a BOM-less non-ASCII text, CRLF, a trailing space, a script tag.</summary>
    private protected const string Html = "<!DOCTYPE html>\r\n<html><body><h1>OQ – Ω µm</h1><script>alert(1)</script> \n</body></html>\n";

    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected static QualificationRun Run(string id = "oq-20261207-1", string? retestOf = null) =>
        new(id, "OQ-CRM", "1.2", "Site A", "fac-3", null, null, T0, T0.AddHours(1), false, false, 10, 9, ["ALARM-DELAY"], retestOf,
            [new QualificationDeviation("DEV-01", QualificationDeviation.FailedRow, "URS-1", "ALARM-DELAY", "no alarm within 60 s")],
            new string('0', 64), T0.AddHours(2), "token:kit");

    private protected static Signature Signed(string meaning, string user = "qa.1") =>
        new(Guid.NewGuid(), user, "Q. A. Person", "QA", meaning, T0.AddHours(3), "password re-entered");

    private protected static AuditEntry Audited(string action, string runId) =>
        new(T0.AddHours(3), "qa.1", "QA", action, AuditEntity.QualificationRun, runId, null, null, null);

    [Fact]
    public async Task SaveRunAsync_Run_ReadBackVerbatimAndAuditedUnderTheRunId()
    {
        var sut = await _fixture.OpenAsync();
        var run = Run();

        Assert.True(await sut.SaveRunAsync(run, new QualificationReport(Html, "a,b\r\n1,2"), Audited(AuditAction.QualificationUploaded, run.RunId), None));

        var read = await sut.FindRunAsync(run.RunId, None);
        Assert.NotNull(read);
        Assert.Equal(run.Deviations, read.Deviations);
        Assert.Equal(run.Scenarios, read.Scenarios);
        Assert.Equal((run.Passed, run.Rows, run.RowsPassed, run.StartedAt.UtcTicks), (read.Passed, read.Rows, read.RowsPassed, read.StartedAt.UtcTicks));
        var report = await sut.ReportAsync(run.RunId, None);
        Assert.Equal(Html, report!.Html);
        Assert.Equal("a,b\r\n1,2", report.Csv);
        Assert.Null(await sut.ReportAsync("other", None));
        var audit = Assert.Single(await sut.AuditTrailAsync(run.RunId, null, null, None));
        Assert.Equal((AuditAction.QualificationUploaded, AuditEntity.QualificationRun), (audit.Entry.Action, audit.Entry.EntityType));
        Assert.Contains(run.ReportSha256, audit.Entry.NewValue, StringComparison.Ordinal);
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }

    [Fact]
    public async Task SaveRunAsync_SameIdTwice_FalseAndNothingWritten()
    {
        var sut = await _fixture.OpenAsync();
        var run = Run();
        await sut.SaveRunAsync(run, new QualificationReport(Html, ""), Audited(AuditAction.QualificationUploaded, run.RunId), None);

        var again = await sut.SaveRunAsync(run with { Protocol = "changed" }, new QualificationReport("<p>other</p>", ""),
            Audited(AuditAction.QualificationUploaded, run.RunId), None);

        Assert.False(again);
        Assert.Equal("OQ-CRM", (await sut.FindRunAsync(run.RunId, None))!.Protocol);
        Assert.Equal(Html, (await sut.ReportAsync(run.RunId, None))!.Html);
        Assert.Single(await sut.AuditTrailAsync(run.RunId, null, null, None));
    }

    [Fact]
    public async Task SaveSignatureAndDisposition_OncePerMeaningAndNumber_SecondRefusedWithoutAudit()
    {
        var sut = await _fixture.OpenAsync();
        var run = Run();
        await sut.SaveRunAsync(run, new QualificationReport(Html, ""), Audited(AuditAction.QualificationUploaded, run.RunId), None);

        Assert.True(await sut.SaveSignatureAsync(new QualificationSignature(run.RunId, Signed("executed", "op.1"), "ran it"),
            Audited(AuditAction.QualificationSigned, run.RunId), None));
        Assert.False(await sut.SaveSignatureAsync(new QualificationSignature(run.RunId, Signed("executed"), null),
            Audited(AuditAction.QualificationSigned, run.RunId), None));
        Assert.True(await sut.SaveSignatureAsync(new QualificationSignature(run.RunId, Signed("reviewed"), null),
            Audited(AuditAction.QualificationSigned, run.RunId), None));
        Assert.True(await sut.SaveDispositionAsync(new DeviationDisposition(run.RunId, "DEV-01", "no re-test: withdrawn", null, Signed("deviation dispositioned")),
            Audited(AuditAction.DeviationDispositioned, run.RunId), None));
        Assert.False(await sut.SaveDispositionAsync(new DeviationDisposition(run.RunId, "DEV-01", "changed my mind", null, Signed("deviation dispositioned")),
            Audited(AuditAction.DeviationDispositioned, run.RunId), None));

        var signatures = await sut.SignaturesAsync(run.RunId, None);
        Assert.Equal(["executed", "reviewed"], signatures.Select(s => s.Signature.Meaning));
        Assert.Equal(("op.1", "ran it"), (signatures[0].Signature.UserName, signatures[0].Comment));
        Assert.Equal("no re-test: withdrawn", Assert.Single(await sut.DispositionsAsync(run.RunId, None)).Text);
        Assert.Equal(4, (await sut.AuditTrailAsync(run.RunId, null, null, None)).Count);
    }

    [Theory]
    [InlineData("UPDATE qualification_runs SET report_html = '<p>forged</p>'", "stored as uploaded")]
    [InlineData("DELETE FROM qualification_runs", "controlled records")]
    [InlineData("UPDATE qualification_signatures SET record = '{}'", "signed records")]
    [InlineData("DELETE FROM qualification_signatures", "signed records")]
    [InlineData("UPDATE qualification_dispositions SET record = '{}'", "signed records")]
    [InlineData("DELETE FROM qualification_dispositions", "signed records")]
    public async Task QualificationTables_ChangedOrDeleted_Refused(string sql, string expected)
    {
        var sut = await _fixture.OpenAsync();
        var run = Run();
        await sut.SaveRunAsync(run, new QualificationReport(Html, ""), Audited(AuditAction.QualificationUploaded, run.RunId), None);
        await sut.SaveSignatureAsync(new QualificationSignature(run.RunId, Signed("executed"), null), Audited(AuditAction.QualificationSigned, run.RunId), None);
        await sut.SaveDispositionAsync(new DeviationDisposition(run.RunId, "DEV-01", "no re-test: x", null, Signed("deviation dispositioned")),
            Audited(AuditAction.DeviationDispositioned, run.RunId), None);

        var ex = Assert.ThrowsAny<DbException>(() => _fixture.ExecuteRaw(sql));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_AfterRestart_KeptNewestFirst()
    {
        var first = await _fixture.OpenAsync();
        var older = Run("oq-a");
        var newer = Run("oq-b", retestOf: "oq-a") with { StartedAt = T0.AddDays(1) };
        await first.SaveRunAsync(older, new QualificationReport(Html, ""), Audited(AuditAction.QualificationUploaded, older.RunId), None);
        await first.SaveRunAsync(newer, new QualificationReport(Html, ""), Audited(AuditAction.QualificationUploaded, newer.RunId), None);
        first.Dispose();

        var sut = await _fixture.OpenAsync();

        Assert.Equal(["oq-b", "oq-a"], (await sut.RunsAsync(None)).Select(r => r.RunId));
        Assert.Equal("oq-a", (await sut.FindRunAsync("oq-b", None))!.RetestOf);
        Assert.Equal(Html, (await sut.ReportAsync("oq-a", None))!.Html);
    }

    [Fact]
    public async Task InitializeAsync_Version5FileMissingAQualificationTrigger_RestoresItAndReportsTampering()
    {
        (await _fixture.OpenAsync()).Dispose();
        _fixture.ExecuteRaw("DROP TRIGGER qualification_runs_no_update;");

        await _fixture.OpenAsync();

        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3505 && e.Message.Contains("qualification_runs_no_update", StringComparison.Ordinal));
    }
}

/// <summary>SQLite only, besides the shared tests: the upgrade of files written by older releases (PostgreSQL stores start at the current schema version).</summary>
public sealed class RecordStoreQualificationTests_Sqlite() : RecordStoreQualificationTests(new RecordStoreFixture())
{
    [Fact]
    public async Task InitializeAsync_Version4File_UpgradesAddingTheQualificationTablesWithoutATamperAlarm()
    {
        var first = await _fixture.OpenAsync();
        await first.SaveBatchAsync(Batch(), Audit("batch.started"), None);
        first.Dispose();
        _fixture.ExecuteRaw(
            "DROP TRIGGER qualification_runs_no_update; DROP TRIGGER qualification_runs_no_delete; DROP TRIGGER qualification_signatures_no_update; " +
            "DROP TRIGGER qualification_signatures_no_delete; DROP TRIGGER qualification_dispositions_no_update; DROP TRIGGER qualification_dispositions_no_delete; " +
            "DROP INDEX ix_qualification_runs_started; DROP TABLE qualification_runs; DROP TABLE qualification_signatures; DROP TABLE qualification_dispositions; " +
            "PRAGMA user_version = 4;");

        var sut = await _fixture.OpenAsync();

        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
        Assert.False(_fixture.Logger.Has(3505));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3506 && e.Message.Contains($"from schema 4 to {RecordSchema.Version}", StringComparison.Ordinal)
            && e.Message.Contains("qualification_runs", StringComparison.Ordinal));
        Assert.Empty(await sut.RunsAsync(None));
        var run = Run();
        Assert.True(await sut.SaveRunAsync(run, new QualificationReport(Html, ""), Audited(AuditAction.QualificationUploaded, run.RunId), None));
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }
}

public sealed class RecordStoreQualificationTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreQualificationTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
