using System.Data.Common;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Core.Trends;
using CleanroomMonitor.Storage.Records;
using Microsoft.Data.Sqlite;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreTrendReviewTests(RecordStoreFixture fixture) : IDisposable
{
    private protected static readonly CancellationToken None = CancellationToken.None;
    private protected static readonly RoomId Cr1 = new("cr1");
    private protected static readonly DateTimeOffset November = new(2026, 10, 31, 23, 0, 0, TimeSpan.Zero);
    private protected static readonly DateTimeOffset December = new(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);
    private protected static readonly string Sha1 = new('a', 64);
    private protected static readonly string Sha2 = new('b', 64);

    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected static TrendReview Review(string sha, string user = "qa", RoomId? room = null) =>
        new(Guid.NewGuid(), room ?? Cr1, November, December, sha,
            new Signature(Guid.NewGuid(), user, "Printed " + user, "QA", TrendReviewRules.Reviewed, December.AddDays(2), "password re-entered"), "no adverse trend");

    private protected static AuditEntry Audited() => new(December.AddDays(2), "qa", "QA", AuditAction.TrendReportReviewed, AuditEntity.Room, "cr1", null, null, "no adverse trend");

    [Fact]
    public async Task SaveTrendReviewAsync_NewFigures_ReadBackForThatRoomAndPeriodAndAuditedUnderTheRoom()
    {
        var sut = await _fixture.OpenAsync();

        Assert.True(await sut.SaveTrendReviewAsync(Review(Sha1), Audited(), None));

        var review = Assert.Single(await sut.TrendReviewsAsync(Cr1, November, December, None));
        Assert.Equal((Sha1, "qa", TrendReviewRules.Reviewed, "no adverse trend"), (review.FiguresSha256, review.Signature.UserName, review.Signature.Meaning, review.Comment));
        Assert.Empty(await sut.TrendReviewsAsync(Cr1, November, December.AddDays(1), None));
        Assert.Empty(await sut.TrendReviewsAsync(new RoomId("cr2"), November, December, None));
        var audit = Assert.Single(await sut.AuditTrailAsync("cr1", null, null, None));
        Assert.Equal((AuditAction.TrendReportReviewed, AuditEntity.Room), (audit.Entry.Action, audit.Entry.EntityType));
        Assert.Contains(Sha1, audit.Entry.NewValue, StringComparison.Ordinal);
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }

    [Fact]
    public async Task SaveTrendReviewAsync_SameFiguresTwice_FalseAndNothingWritten_ChangedFiguresStoredAgain()
    {
        var sut = await _fixture.OpenAsync();
        Assert.True(await sut.SaveTrendReviewAsync(Review(Sha1), Audited(), None));

        Assert.False(await sut.SaveTrendReviewAsync(Review(Sha1, "qa2"), Audited(), None));
        Assert.True(await sut.SaveTrendReviewAsync(Review(Sha2, "qa2"), Audited(), None));

        Assert.Equal([(Sha1, "qa"), (Sha2, "qa2")], (await sut.TrendReviewsAsync(Cr1, November, December, None)).Select(r => (r.FiguresSha256, r.Signature.UserName)));
        Assert.Equal(2, (await sut.AuditTrailAsync("cr1", null, null, None)).Count);
    }

    [Theory]
    [InlineData("UPDATE trend_report_reviews SET figures_sha256 = 'x'")]
    [InlineData("UPDATE trend_report_reviews SET record = '{}'")]
    [InlineData("DELETE FROM trend_report_reviews")]
    public async Task TrendReviewTable_ChangedOrDeleted_Refused(string sql)
    {
        var sut = await _fixture.OpenAsync();
        await sut.SaveTrendReviewAsync(Review(Sha1), Audited(), None);

        var ex = Assert.ThrowsAny<DbException>(() => _fixture.ExecuteRaw(sql));

        Assert.Contains("trend report reviews are signed records", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Sha1, Assert.Single(await sut.TrendReviewsAsync(Cr1, November, December, None)).FiguresSha256);
    }

    [Fact]
    public async Task VerifyAsync_TrendReviews_IntactWhenColumnsMatchTheSignedRecordBrokenWhenTheHashColumnChanged()
    {
        var sut = await _fixture.OpenAsync();
        await sut.SaveTrendReviewAsync(Review(Sha1), Audited(), None);
        sut.Dispose();

        var intact = await _fixture.VerifyStoreAsync();
        Assert.True(intact.IsIntact, intact.Detail);
        Assert.Contains("1 trend report review(s) match their signed record", intact.Detail, StringComparison.Ordinal);

        // Someone with file access drops the trigger and points the review at other figures.
        _fixture.ExecuteRaw($"DROP TRIGGER trend_report_reviews_no_update; UPDATE trend_report_reviews SET figures_sha256 = '{Sha2}';");

        var broken = await _fixture.VerifyStoreAsync();
        Assert.False(broken.IsIntact);
        Assert.Contains("trend report review 1 of room cr1", broken.Detail, StringComparison.Ordinal);
    }
}

/// <summary>SQLite only, besides the shared tests: the upgrade of files written by older releases (PostgreSQL stores start at the current schema version).</summary>
public sealed class RecordStoreTrendReviewTests_Sqlite() : RecordStoreTrendReviewTests(new RecordStoreFixture())
{
    [Fact]
    public async Task InitializeAsync_Version6File_UpgradesAddingTheTrendReviewTableWithoutATamperAlarm()
    {
        var first = await _fixture.OpenAsync();
        await first.SaveBatchAsync(Batch(), Audit("batch.started"), None);
        first.Dispose();
        _fixture.ExecuteRaw("DROP TRIGGER trend_report_reviews_no_update; DROP TRIGGER trend_report_reviews_no_delete; DROP TABLE trend_report_reviews; " +
                            "PRAGMA user_version = 6;");

        var sut = await _fixture.OpenAsync();

        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
        Assert.False(_fixture.Logger.Has(3505));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3506 && e.Message.Contains("trend_report_reviews", StringComparison.Ordinal));
        Assert.True(await sut.SaveTrendReviewAsync(Review(Sha1), Audited(), None));
    }
}

public sealed class RecordStoreTrendReviewTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreTrendReviewTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
