using System.Diagnostics;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>The floor under the service's CPU per reading: Mosquitto's own command-line subscriber (C, QoS 1, writing
/// each payload to a pipe) receiving the same load at the same rate. Whatever the service spends beyond this is decoding,
/// judging, storing and acknowledging after the commit.</summary>
internal static class PlainSubscriberFloor
{
    public static async Task<double> CpuMicrosecondsPerMessageAsync(MosquittoProcess broker, IReadOnlyList<string> topics, int gateways, double rate,
        TimeSpan duration, CancellationToken cancellationToken)
    {
        var filter = topics[0][..(topics[0].IndexOf('/', StringComparison.Ordinal) + 1)] + "#";
        using var subscriber = Process.Start(new ProcessStartInfo("mosquitto_sub", ["-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-q", "1", "-i", "bench-floor-subscriber", "-t", filter])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto_sub did not start");
        long received = 0;
        var counting = Task.Run(async () =>
        {
            var buffer = new char[64 * 1024];
            int read;
            while ((read = await subscriber.StandardOutput.ReadAsync(buffer, cancellationToken)) > 0)
            {
                Interlocked.Add(ref received, buffer.AsSpan(0, read).Count('\n'));
            }
        }, cancellationToken);
        try
        {
            // Subscribed once a first message comes through.
            await using var publisher = await LoadPublisher.ConnectAsync(broker.Port, gateways, topics, cancellationToken);
            var settle = Stopwatch.StartNew();
            while (Interlocked.Read(ref received) == 0 && settle.Elapsed < TimeSpan.FromSeconds(10))
            {
                await publisher.RunAsync(rate: 100, TimeSpan.FromMilliseconds(100), window: 100, cancellationToken);
            }
            // A warm-up message still on its way would be counted in the window: ten at most, against hundreds of thousands.
            var warm = Interlocked.Read(ref received);
            var cpuBefore = ProcessCpu.Of(subscriber.Id);
            var (published, _) = await publisher.RunAsync(rate, duration, window: 2000, cancellationToken);
            var got = await WaitForAsync(() => Interlocked.Read(ref received), warm + published, cancellationToken) - warm;
            return (ProcessCpu.Of(subscriber.Id) - cpuBefore).TotalMicroseconds / Math.Max(1, got);
        }
        finally
        {
            subscriber.Kill();
            await subscriber.WaitForExitAsync(CancellationToken.None);
            await counting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static async Task<long> WaitForAsync(Func<long> received, long expected, CancellationToken cancellationToken)
    {
        var settle = Stopwatch.StartNew();
        while (received() < expected && settle.Elapsed < TimeSpan.FromSeconds(30))
        {
            // A measuring loop at a fine probe; a shortfall shows in the figure, not as an exception.
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
        return received();
    }
}
