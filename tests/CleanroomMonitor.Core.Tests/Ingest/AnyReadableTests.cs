using CleanroomMonitor.Core.Ingest;

namespace CleanroomMonitor.Core.Tests.Ingest;

public sealed class AnyReadableTests
{
    [Fact]
    public async Task WaitAsync_OnlyOneInputBusy_QuietInputsAreAskedOnce()
    {
        var busy = new Input();
        var quiet = new Input();
        var sut = new AnyReadable(CancellationToken.None, busy.WaitToReadAsync, quiet.WaitToReadAsync);

        for (var i = 0; i < 100; i++)
        {
            var wait = sut.WaitAsync(Task.Delay(Timeout.Infinite));
            busy.Signal();
            await wait.WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(100, busy.Asked);
        Assert.Equal(1, quiet.Asked);
    }

    [Fact]
    public async Task WaitAsync_QuietInputBecomesReady_Completes()
    {
        var busy = new Input();
        var quiet = new Input();
        var sut = new AnyReadable(CancellationToken.None, busy.WaitToReadAsync, quiet.WaitToReadAsync);
        await Cycle(sut, busy);

        var wait = sut.WaitAsync(Task.Delay(Timeout.Infinite));
        Assert.False(wait.IsCompleted);
        quiet.Signal();

        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, quiet.Asked);
    }

    [Fact]
    public async Task WaitAsync_OtherTaskEnds_CompletesWithoutAnInput()
    {
        var input = new Input();
        var sut = new AnyReadable(CancellationToken.None, input.WaitToReadAsync);

        await sut.WaitAsync(Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(5));
        await sut.WaitAsync(Task.CompletedTask).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, input.Asked);
    }

    private static async Task Cycle(AnyReadable sut, Input input)
    {
        var wait = sut.WaitAsync(Task.Delay(Timeout.Infinite));
        input.Signal();
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>A channel reader's wait as the engine sees it: a task that completes when an item arrives.</summary>
    private sealed class Input
    {
        private TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Asked { get; private set; }

        public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
        {
            Asked++;
            if (_ready.Task.IsCompleted)
            {
                _ready = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            return new ValueTask<bool>(_ready.Task);
        }

        public void Signal() => _ready.TrySetResult(true);
    }
}
