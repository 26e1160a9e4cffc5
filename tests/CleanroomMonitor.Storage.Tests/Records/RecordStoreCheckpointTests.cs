using CleanroomMonitor.TestSupport;
using static CleanroomMonitor.Storage.Tests.Records.RecordSamples;

namespace CleanroomMonitor.Storage.Tests.Records;

/// <summary>The WAL is checkpointed beside the writer, not inside one of its commits. SQLite only: PostgreSQL checkpoints
/// its own WAL, and the store does nothing of the kind there.</summary>
public sealed class RecordStoreCheckpointTests : IDisposable
{
    private const int Checkpointed = 3507;
    private readonly RecordStoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task SaveExcursionAsync_ManyCommits_PagesReachTheDatabaseFileWhileTheWriterIsOpen()
    {
        var sut = await _fixture.OpenAsync();
        var before = new FileInfo(_fixture.DatabasePath).Length;

        for (var i = 0; i < 70; i++)
        {
            await sut.SaveExcursionAsync(Excursion(minutes: i), Audit(), CancellationToken.None);
        }

        // SQLite's own checkpoint (off on the writer) would not have run yet at this WAL size either: only the store's does.
        await Eventually.UntilAsync(() => _fixture.Logger.Has(Checkpointed), TimeSpan.FromSeconds(10), "the store's own WAL checkpoint");
        Assert.True(new FileInfo(_fixture.DatabasePath).Length > before);
        Assert.Equal(70, (await sut.AuditTrailAsync(null, null, null, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task SaveExcursionAsync_FewCommits_NoCheckpointYet()
    {
        var sut = await _fixture.OpenAsync();

        for (var i = 0; i < 10; i++)
        {
            await sut.SaveExcursionAsync(Excursion(minutes: i), Audit(), CancellationToken.None);
        }

        Assert.False(_fixture.Logger.Has(Checkpointed));
    }
}
