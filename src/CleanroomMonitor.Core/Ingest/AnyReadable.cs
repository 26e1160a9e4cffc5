namespace CleanroomMonitor.Core.Ingest;

/// <summary>Waits until any of several inputs (channel readers' <c>WaitToReadAsync</c>) is ready, or another task
/// ends, keeping one pending wait per input from one call to the next.</summary>
/// <remarks>A channel keeps every <c>WaitToReadAsync</c> registered until an item arrives or the token is cancelled. A
/// loop that asked each quiet input afresh every time it went idle left one more waiter (with its task and cancellation
/// registration, about 270 bytes) on it each turn: the excursion engine went idle thousands of times a second under load
/// and grew by hundreds of megabytes a minute. Renewing only the waits that have completed keeps one per input.</remarks>
public sealed class AnyReadable(CancellationToken cancellationToken, params Func<CancellationToken, ValueTask<bool>>[] waits)
{
    private readonly Task?[] _pending = new Task?[waits.Length];

    /// <summary>Completes when an input has something to read (or is completed), or <paramref name="other"/> ends.</summary>
    public Task WaitAsync(Task other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var tasks = new Task[_pending.Length + 1];
        for (var i = 0; i < _pending.Length; i++)
        {
            if (_pending[i] is not { IsCompleted: false })
            {
                _pending[i] = waits[i](cancellationToken).AsTask();
            }
            tasks[i] = _pending[i]!;
        }
        tasks[^1] = other;
        return Task.WhenAny(tasks);
    }
}
