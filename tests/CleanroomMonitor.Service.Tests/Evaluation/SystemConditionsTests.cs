using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Evaluation;

namespace CleanroomMonitor.Service.Tests.Evaluation;

public sealed class SystemConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly SystemConditions _sut = new();

    [Fact]
    public async Task Set_OnAndOffBeforeTheReaderLooks_BothPassedOnInOrder()
    {
        _sut.Set("audit", true, LimitLevel.Action, "broken", T0);
        _sut.Set("audit", false, LimitLevel.Action, "intact", T0.AddSeconds(5));

        var seen = await TakeAsync(2);

        Assert.Equal([(true, T0), (false, T0.AddSeconds(5))], seen.Select(c => (c.Active, c.At)));
        Assert.False(_sut.IsActive("audit"));
    }

    [Fact]
    public async Task Set_FlickersWhileTheReaderIsBusy_QueueBoundedAndThePeriodKeptFromItsStart()
    {
        for (var i = 0; i < 1_000; i++)
        {
            _sut.Set("buffer", i % 2 == 0, LimitLevel.Alert, $"change {i}", T0.AddSeconds(i));
        }
        _sut.Set("other", true, LimitLevel.Alert, "on", T0);

        var seen = await TakeAsync(3);

        // 1 000 changes of "buffer" became one period from its first start to its last end.
        Assert.Equal([("buffer", true, T0), ("buffer", false, T0.AddSeconds(999)), ("other", true, T0)], seen.Select(c => (c.Name, c.Active, c.At)));
    }

    [Fact]
    public async Task Set_SameStateAgain_NoChange()
    {
        _sut.Set("audit", true, LimitLevel.Action, "broken", T0);
        _sut.Set("audit", true, LimitLevel.Action, "still broken", T0.AddSeconds(1));

        var seen = await TakeAsync(1);

        Assert.Equal("broken", Assert.Single(seen).Detail);
        Assert.True(_sut.IsActive("audit"));
    }

    private async Task<List<SystemCondition>> TakeAsync(int count)
    {
        var taken = new List<SystemCondition>();
        using var stop = new CancellationTokenSource();
        var reader = _sut.ReadAllAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        while (taken.Count < count && await reader.MoveNextAsync())
        {
            taken.Add(reader.Current);
        }
        // Nothing more is queued: the next read waits until the reader is stopped.
        var next = reader.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted, "more changes than expected");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        await reader.DisposeAsync();
        return taken;
    }
}
