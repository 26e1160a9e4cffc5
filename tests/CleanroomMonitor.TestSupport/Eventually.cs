namespace CleanroomMonitor.TestSupport;

/// <summary>The one way tests wait for an outcome that has no signal of their own (rows arriving in InfluxDB, a server
/// answering, a counter moving): the condition is checked every <see cref="Probe"/> until it holds or the deadline
/// passes. The pause is a probe interval, never a fixed sleep standing in for the condition.</summary>
public static class Eventually
{
    public static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> holds; after <paramref name="timeout"/> fails with a
    /// <see cref="TimeoutException"/> naming <paramref name="what"/> and, when given, <paramref name="detail"/> as it is then.</summary>
    public static async Task UntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what,
        Func<Task<string>>? detail = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (!await condition(deadline.Token))
            {
                await Task.Delay(Probe, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var state = detail is null ? "" : " " + await detail();
            throw new TimeoutException($"Not within {timeout}: {what}.{state}");
        }
    }

    /// <summary>As <see cref="UntilAsync(Func{CancellationToken, Task{bool}}, TimeSpan, string, Func{Task{string}}?, CancellationToken)"/>
    /// for a condition asked over HTTP: a service that does not answer yet (a refused connection, while it starts or
    /// restarts) is "not yet", not a failure.</summary>
    public static Task UntilReachableAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what,
        Func<Task<string>>? detail = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(async ct =>
        {
            try
            {
                return await condition(ct);
            }
            catch (HttpRequestException)
            {
                return false;   // not listening yet
            }
        }, timeout, what, detail, cancellationToken);
    }

    /// <inheritdoc cref="UntilAsync(Func{CancellationToken, Task{bool}}, TimeSpan, string, Func{Task{string}}?, CancellationToken)"/>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string>? detail = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(_ => Task.FromResult(condition()), timeout, what, detail is null ? null : () => Task.FromResult(detail()), cancellationToken);
    }
}
