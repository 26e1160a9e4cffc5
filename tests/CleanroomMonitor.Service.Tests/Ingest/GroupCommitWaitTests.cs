using CleanroomMonitor.Service.Ingest;

namespace CleanroomMonitor.Service.Tests.Ingest;

public sealed class GroupCommitWaitTests
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void QuietStream_WaitsTheWholeLingerInOneLook()
    {
        var wait = new GroupCommitWait(Linger, batch: 128, busy: false);
        Assert.Equal(Linger, wait.Next(TimeSpan.Zero, waiting: 1));
        Assert.Null(wait.Next(Linger, waiting: 3));
    }

    [Fact]
    public void BusyStream_LooksAtDoublingIntervals_ThenCommitsWhenTheLingerEnds()
    {
        var wait = new GroupCommitWait(Linger, batch: 128, busy: true);
        var elapsed = TimeSpan.Zero;
        var waits = new List<double>();
        while (wait.Next(elapsed, waiting: 1) is { } next)
        {
            waits.Add(next.TotalMilliseconds);
            elapsed += next;
        }
        Assert.Equal([2, 4, 8, 16, 20], waits);
        Assert.Equal(Linger, elapsed);
    }

    [Fact]
    public void BatchWaiting_CommitsAtOnce()
    {
        var wait = new GroupCommitWait(Linger, batch: 128, busy: true);
        Assert.NotNull(wait.Next(TimeSpan.Zero, waiting: 127));
        Assert.Null(wait.Next(TimeSpan.FromMilliseconds(2), waiting: 128));
    }

    [Fact]
    public void NoLinger_CommitsAtOnce()
    {
        Assert.Null(new GroupCommitWait(TimeSpan.Zero, batch: 128, busy: true).Next(TimeSpan.Zero, waiting: 1));
    }

    [Fact]
    public void LessThanATimersResolutionLeft_CommitsInsteadOfSpinning()
    {
        var wait = new GroupCommitWait(Linger, batch: 128, busy: true);
        Assert.Null(wait.Next(Linger - TimeSpan.FromMilliseconds(0.5), waiting: 1));
    }

    /// <summary>A delay that completes early (or a clock that stands still) must not grow the look without bound: it
    /// overflowed TimeSpan once, which stopped the service.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ClockStandsStill_LooksNeverExceedTheLinger(bool busy)
    {
        var wait = new GroupCommitWait(Linger, batch: 128, busy);
        for (var i = 0; i < 200; i++)
        {
            var next = wait.Next(TimeSpan.FromMilliseconds(0.1), waiting: 1);
            Assert.NotNull(next);
            Assert.InRange(next.Value, GroupCommitWait.FirstLook, Linger);
        }
    }
}
