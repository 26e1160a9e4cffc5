using System.Data.Common;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Storage.Records;
using Microsoft.Data.Sqlite;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

public abstract class RecordStoreBreachReviewTests(RecordStoreFixture fixture) : IDisposable
{
    private protected static readonly CancellationToken None = CancellationToken.None;
    private protected readonly RecordStoreFixture _fixture = fixture;

    public void Dispose()
    {
        _fixture.Dispose();
        GC.SuppressFinalize(this);
    }

    private protected static BreachReview Review(string batch = "B-2026-001") =>
        new(Guid.NewGuid(), batch, new Signature(Guid.NewGuid(), "qa.1", "Q. A. Person", "QA", BreachReview.Meanings[1], T0.AddHours(3), "password re-entered"),
            "door opening inside the justified delay; product in closed vessels",
            [new BreachRun(FillCounter, FillRoom, Parameter.ParticlesFiveMicron, LimitLevel.Action, T0, T0.AddMinutes(1), 2, TimeSpan.FromMinutes(1))]);

    private protected static AuditEntry Audited(BreachReview review) =>
        new(T0.AddHours(3), "qa.1", "QA", AuditAction.BreachesReviewed, AuditEntity.Batch, review.Batch, null, null, review.Reason);

    [Fact]
    public async Task SaveBreachReviewAsync_Review_ReadBackForItsBatchOnlyAndAuditedUnderTheBatch()
    {
        var sut = await _fixture.OpenAsync();
        var review = Review();
        await sut.SaveBreachReviewAsync(review, Audited(review), None);
        await sut.SaveBreachReviewAsync(Review("B-OTHER"), Audited(Review("B-OTHER")), None);

        var read = Assert.Single(await sut.BreachReviewsAsync(review.Batch, None));

        Assert.Equal(review.Id, read.Id);
        Assert.Equal(review.Reason, read.Reason);
        Assert.Equal(review.Signature.Meaning, read.Signature.Meaning);
        Assert.Equal(review.Signature.At.UtcTicks, read.Signature.At.UtcTicks);
        var run = Assert.Single(read.Runs);
        Assert.True(run.SameAs(review.Runs[0]));
        Assert.True(read.Covers(review.Runs[0]));
        var audit = Assert.Single(await sut.AuditTrailAsync(review.Batch, null, null, None));
        Assert.Equal(AuditAction.BreachesReviewed, audit.Entry.Action);
        Assert.Equal("batch", audit.Entry.EntityType);
        Assert.Contains(review.Id.ToString(), audit.Entry.NewValue, StringComparison.Ordinal);
        Assert.True((await sut.VerifyAuditTrailAsync(None)).IsIntact);
    }

    [Theory]
    [InlineData("UPDATE breach_reviews SET record = '{}'")]
    [InlineData("DELETE FROM breach_reviews")]
    public async Task BreachReviews_ChangedOrDeleted_Refused(string sql)
    {
        var sut = await _fixture.OpenAsync();
        var review = Review();
        await sut.SaveBreachReviewAsync(review, Audited(review), None);

        var ex = Assert.ThrowsAny<DbException>(() => _fixture.ExecuteRaw(sql));

        Assert.Contains("signed records", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>SQLite only, besides the shared tests: the upgrade of files written by older releases (PostgreSQL stores start at the current schema version).</summary>
public sealed class RecordStoreBreachReviewTests_Sqlite() : RecordStoreBreachReviewTests(new RecordStoreFixture())
{
    [Fact]
    public async Task InitializeAsync_Version2File_UpgradesAddingBreachReviewsWithoutATamperAlarm()
    {
        var first = await _fixture.OpenAsync();
        await first.SaveBatchAsync(Batch(), Audit("batch.started"), None);
        first.Dispose();
        _fixture.ExecuteRaw("DROP TRIGGER breach_reviews_no_update; DROP TRIGGER breach_reviews_no_delete; DROP INDEX ix_breach_reviews_batch; " +
                            "DROP TABLE breach_reviews; PRAGMA user_version = 2;");

        var sut = await _fixture.OpenAsync();

        Assert.Equal((long)RecordSchema.Version, _fixture.SchemaVersion());
        Assert.Equal((long)RecordSchema.Triggers.Count, _fixture.TriggerCount());
        Assert.False(_fixture.Logger.Has(3505));
        Assert.Contains(_fixture.Logger.Entries(), e => e.Id.Id == 3506 && e.Message.Contains($"from schema 2 to {RecordSchema.Version}", StringComparison.Ordinal)
            && e.Message.Contains("breach_reviews", StringComparison.Ordinal));
        Assert.Empty(await sut.BreachReviewsAsync("B-2026-001", None));
        var review = Review();
        await sut.SaveBreachReviewAsync(review, Audited(review), None);
        Assert.Single(await sut.BreachReviewsAsync(review.Batch, None));
    }
}

public sealed class RecordStoreBreachReviewTests_Postgres(PostgresServerFixture postgres)
    : RecordStoreBreachReviewTests(RecordStoreFixture.OnPostgres(postgres.Server)), IClassFixture<PostgresServerFixture>;
