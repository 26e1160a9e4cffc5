namespace CleanroomMonitor.Storage.Tests;

/// <summary>Waits for a condition with a deadline, for outcomes that have no signal of their own (rows arriving in
/// InfluxDB). The short pause between checks is a probe interval, not a fixed sleep standing in for a signal.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Not true within {timeout}: {because}");
            }
        }
    }
}
