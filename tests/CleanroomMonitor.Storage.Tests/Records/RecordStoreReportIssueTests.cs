using System.Data.Common;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.ReportIssues;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Storage.Records;
using Microsoft.Data.Sqlite;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreReportIssueTests(RecordStoreFixture fixture) : IDisposable
{
    private protected const string Number = "B-2026-001";
    private protected static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Bytes a text column would mangle: a NUL, bytes above 0x7F, CR LF.</summary>
    private protected static readonly byte[] Pdf = [.. "%PDF-1.7\r\n"u8, 0x00, 0xFF, 0xFE, 0x80, .. "\n%%EOF\n"u8];

    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected static ReportIssueSignature Signed(string meaning, string user, int version = 1) =>
        new(Number, version, new Signature(Guid.NewGuid(), user, "Printed " + user, "QA", meaning, T0.AddDays(1), "password re-entered"), "checked");

    private protected static AuditEntry Audited(string action) => new(T0.AddDays(1), "qa", "QA", action, AuditEntity.Batch, Number, null, null, null);

    private protected async Task<RecordStore> IssuedVersion1Async()
    {
        var sut = await _fixture.OpenAsync();
        Assert.True(await sut.SaveReportReviewAsync(Signed(ReportIssueRules.Reviewed, "qa"), Audited(AuditAction.ReportReviewed), None));
        var approval = Signed(ReportIssueRules.Approved, "qa2");
        Assert.True(await sut.SaveReportApprovalAsync(approval, IssuedReport.Of(Number, 1, T0.AddDays(1), Pdf, "qa2"), Pdf, Audited(AuditAction.ReportIssued), None));
        return sut;
    }

    [Fact]
    public async Task SaveReviewAndApproval_Version1_PdfReadBackByteForByteWithItsHashAndAuditedUnderTheBatch()
    {
        var sut = await IssuedVersion1Async();

        Assert.Equal(Pdf, await sut.IssuedPdfAsync(Number, 1, None));
        Assert.Null(await sut.IssuedPdfAsync(Number, 2, None));
        Assert.Null(await sut.IssuedPdfAsync("other", 1, None));
        var issue = Assert.Single(await sut.IssuedReportsAsync(Number, None));
        Assert.Equal((1, IssuedReport.HashOf(Pdf), (long)Pdf.Length, "qa2"), (issue.Version, issue.Sha256, issue.Length, issue.ApprovedBy));
        Assert.Equal([ReportIssueRules.Reviewed, ReportIssueRules.Approved], (await sut.ReportSignaturesAsync(Number, None)).Select(s => s.Signature.Meaning));
        var audit = await sut.AuditTrailAsync(Number, null, null, None);
        Assert.Equal([AuditAction.ReportReviewed, AuditAction.ReportIssued], audit.Select(a => a.Entry.Action));
        Assert.All(audit, a => Assert.Equal(AuditEntity.Batch, a.Entry.EntityType));
        Assert.Contains(issue.Sha256, audit[1].Entry.NewValue, StringComparison.Ordinal);
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }

    [Fact]
    public async Task SaveReviewAndApproval_SecondOfTheSameVersion_FalseAndNothingWritten()
    {
        var sut = await IssuedVersion1Async();
        byte[] other = [.. "%PDF-other"u8];

        Assert.False(await sut.SaveReportReviewAsync(Signed(ReportIssueRules.Reviewed, "qa3"), Audited(AuditAction.ReportReviewed), None));
        Assert.False(await sut.SaveReportApprovalAsync(Signed(ReportIssueRules.Approved, "qa3"), IssuedReport.Of(Number, 1, T0.AddDays(2), other, "qa3"), other,
            Audited(AuditAction.ReportIssued), None));

        Assert.Equal(Pdf, await sut.IssuedPdfAsync(Number, 1, None));
        Assert.Equal(2, (await sut.ReportSignaturesAsync(Number, None)).Count);
        Assert.Equal(2, (await sut.AuditTrailAsync(Number, null, null, None)).Count);
    }

    [Fact]
    public async Task SaveReportApprovalAsync_IssueRecordNotThePdfsHash_ThrowsBeforeWriting()
    {
        var sut = await _fixture.OpenAsync();
        var issue = IssuedReport.Of(Number, 1, T0, Pdf, "qa2") with { Sha256 = new string('0', 64) };

        await Assert.ThrowsAsync<ArgumentException>(() =>
            sut.SaveReportApprovalAsync(Signed(ReportIssueRules.Approved, "qa2"), issue, Pdf, Audited(AuditAction.ReportIssued), None));

        Assert.Empty(await sut.ReportSignaturesAsync(Number, None));
        Assert.Empty(await sut.IssuedReportsAsync(Number, None));
    }

    [Fact]
    public async Task SaveReportReissueAsync_Version2_OncePerVersionAndVersion1StillStored()
    {
        var sut = await IssuedVersion1Async();
        var signature = new Signature(Guid.NewGuid(), "qa", "Printed qa", "QA", ReportIssueRules.NewVersion, T0.AddDays(2), "password re-entered");

        Assert.True(await sut.SaveReportReissueAsync(new ReportReissue(Number, 2, "late closure of E-7", signature), Audited(AuditAction.ReportReissueRequested), None));
        Assert.False(await sut.SaveReportReissueAsync(new ReportReissue(Number, 2, "another", signature), Audited(AuditAction.ReportReissueRequested), None));

        Assert.Equal("late closure of E-7", Assert.Single(await sut.ReportReissuesAsync(Number, None)).Reason);
        Assert.Equal(Pdf, await sut.IssuedPdfAsync(Number, 1, None));
        var state = ReportIssueState.Of(Number, await sut.ReportReissuesAsync(Number, None), await sut.ReportSignaturesAsync(Number, None),
            await sut.IssuedReportsAsync(Number, None));
        Assert.Equal((2, ReportIssueStage.Open, 1), (state.Version, state.Stage, state.LatestIssued?.Version));
    }

    [Theory]
    [InlineData("UPDATE report_issues SET pdf = x'00'", "frozen")]
    [InlineData("UPDATE report_issues SET sha256 = 'x'", "frozen")]
    [InlineData("DELETE FROM report_issues", "controlled records")]
    [InlineData("UPDATE report_signatures SET record = '{}'", "signed records")]
    [InlineData("DELETE FROM report_signatures", "signed records")]
    [InlineData("UPDATE report_reissues SET record = '{}'", "signed records")]
    [InlineData("DELETE FROM report_reissues", "signed records")]
    public async Task ReportIssueTables_ChangedOrDeleted_Refused(string sql, string expected)
    {
        var sut = await IssuedVersion1Async();
        await sut.SaveReportReissueAsync(new ReportReissue(Number, 2, "why",
            new Signature(Guid.NewGuid(), "qa", "Printed qa", "QA", ReportIssueRules.NewVersion, T0.AddDays(2), "password re-entered")),
            Audited(AuditAction.ReportReissueRequested), None);

        var ex = Assert.ThrowsAny<DbException>(() => _fixture.ExecuteRaw(sql));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Equal(Pdf, await sut.IssuedPdfAsync(Number, 1, None));
    }

    [Fact]
    public async Task InitializeAsync_Version6FileMissingAReportIssueTrigger_RestoresItAndReportsTampering()
    {
        (await _fixture.OpenAsync()).Dispose();
        _fixture.ExecuteRaw("DROP TRIGGER report_issues_no_update;");

        await _fixture.OpenAsync();

        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3505 && e.Message.Contains("report_issues_no_update", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VerifyAsync_IssuedPdfs_IntactWhenTheyMatchTheirHashBrokenWhenAByteChanged()
    {
        (await IssuedVersion1Async()).Dispose();

        var intact = await _fixture.VerifyStoreAsync();
        Assert.True(intact.IsIntact, intact.Detail);
        Assert.Contains("1 issued report PDF(s) match their SHA-256", intact.Detail, StringComparison.Ordinal);

        // Someone with file access drops the trigger and changes the frozen file.
        _fixture.ExecuteRaw("DROP TRIGGER report_issues_no_update; UPDATE report_issues SET pdf = x'25504446';");

        var broken = await _fixture.VerifyStoreAsync();
        Assert.False(broken.IsIntact);
        Assert.Contains($"batch {Number} version 1", broken.Detail, StringComparison.Ordinal);
    }
}

/// <summary>SQLite only, besides the shared tests: the upgrade of files written by older releases (PostgreSQL stores start at the current schema version).</summary>
public sealed class RecordStoreReportIssueTests_Sqlite() : RecordStoreReportIssueTests(new RecordStoreFixture())
{
    [Fact]
    public async Task InitializeAsync_Version5File_UpgradesAddingTheReportIssueTablesWithoutATamperAlarm()
    {
        var first = await _fixture.OpenAsync();
        await first.SaveBatchAsync(Batch(), Audit("batch.started"), None);
        first.Dispose();
        _fixture.ExecuteRaw(
            "DROP TRIGGER report_signatures_no_update; DROP TRIGGER report_signatures_no_delete; DROP TRIGGER report_reissues_no_update; " +
            "DROP TRIGGER report_reissues_no_delete; DROP TRIGGER report_issues_no_update; DROP TRIGGER report_issues_no_delete; " +
            "DROP TABLE report_signatures; DROP TABLE report_reissues; DROP TABLE report_issues; PRAGMA user_version = 5;");

        var sut = await _fixture.OpenAsync();

        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
        Assert.False(_fixture.Logger.Has(3505));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3506 && e.Message.Contains($"from schema 5 to {RecordSchema.Version}", StringComparison.Ordinal)
            && e.Message.Contains("report_issues", StringComparison.Ordinal));
        Assert.Empty(await sut.IssuedReportsAsync(Number, None));
        Assert.True(await sut.SaveReportReviewAsync(Signed(ReportIssueRules.Reviewed, "qa"), Audited(AuditAction.ReportReviewed), None));
    }
}

public sealed class RecordStoreReportIssueTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreReportIssueTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
