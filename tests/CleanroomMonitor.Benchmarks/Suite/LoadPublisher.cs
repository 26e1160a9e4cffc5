using System.Diagnostics;
using System.Globalization;
using System.Text.Unicode;
using System.Text;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>Gateways publishing JSON readings at QoS 1, each on its own connection (<see cref="WireGateway"/>) and thread, either paced at an
/// offered rate or as fast as a bounded window of unacknowledged messages allows.</summary>
/// <remarks>Each sensor's readings are stamped 1 ms apart from a few seconds ago, so none overwrites another in
/// InfluxDB and a count there is a count of readings.</remarks>
internal sealed class LoadPublisher : IAsyncDisposable
{
    private readonly WireGateway[] _clients;
    private readonly byte[][] _topics;
    private readonly long[] _sequences;
    // A few seconds back: each sensor's stamps then advance 1 ms a reading, far slower than the clock, so none is ever in
    // the future, and they stay in the current hour as live data does (an hour that already ended would make every batch
    // late data: a dirty marker for the report roll-ups and a recomputation, which is not the live path being measured).
    private readonly long _epochMs = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeMilliseconds();
    private long _published;

    private LoadPublisher(WireGateway[] clients, byte[][] topics)
    {
        _clients = clients;
        _topics = topics;
        _sequences = new long[topics.Length];
    }

    /// <summary>Readings handed to the socket so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Readings the broker has acknowledged so far.</summary>
    public long Acknowledged => _clients.Sum(c => c.Acknowledged);

    public static async Task<LoadPublisher> ConnectAsync(int port, int gateways, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        if (topics.Count < gateways)
        {
            throw new ArgumentException($"{gateways} gateways need at least as many sensors, not {topics.Count}", nameof(topics));
        }
        var clients = new WireGateway[gateways];
        for (var i = 0; i < gateways; i++)
        {
            clients[i] = await WireGateway.ConnectAsync(port, $"bench-gateway-{i}", cancellationToken);
        }
        return new LoadPublisher(clients, [.. topics.Select(Encoding.UTF8.GetBytes)]);
    }

    /// <summary>Publishes for <paramref name="duration"/> at <paramref name="rate"/> readings/s in all (0: as fast as
    /// the window allows), with at most <paramref name="window"/> unacknowledged messages per gateway, then waits
    /// for every acknowledgement. Returns the readings published and the time from the first to the last one.</summary>
    public async Task<(long Readings, TimeSpan Elapsed)> RunAsync(double rate, TimeSpan duration, int window, CancellationToken cancellationToken)
    {
        var before = Published;
        var clock = Stopwatch.StartNew();
        var gateways = _clients.Select((client, index) => Task.Factory.StartNew(
            () => Publish(client, index, rate / _clients.Length, duration, window, clock, cancellationToken),
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(gateways);
        var elapsed = clock.Elapsed;
        while (Acknowledged < Published)
        {
            // A fine probe: the caller measures the time until the last acknowledgement.
            await Task.Delay(TimeSpan.FromMilliseconds(2), cancellationToken);
        }
        return (Published - before, elapsed);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private void Publish(WireGateway client, int index, double rate, TimeSpan duration, int window, Stopwatch clock, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var sensor = index;
        var sent = 0L;
        var acknowledgedBefore = client.Acknowledged;
        while (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = clock.Elapsed;
            if (elapsed >= duration)
            {
                client.Flush();
                return;
            }
            var due = rate > 0 ? (long)(rate * elapsed.TotalSeconds) : long.MaxValue;
            var open = window - (sent - (client.Acknowledged - acknowledgedBefore));
            var now = Math.Min(due - sent, open);
            if (now <= 0)
            {
                client.Flush();
                // Pacing: the rate and the in-flight window are what the publisher applies.
                Thread.Sleep(1);
                continue;
            }
            for (var i = 0; i < now; i++)
            {
                var sequence = _sequences[sensor]++;
                Utf8.TryWrite(buffer, CultureInfo.InvariantCulture, $$$"""{"ts":{{{_epochMs + sequence}}},"seq":{{{sequence}}},"values":{"temperature":{{{20 + sequence % 100 / 100.0}}}}}""", out var length);
                client.Publish(_topics[sensor], buffer.AsSpan(0, length));
                sensor += _clients.Length;
                if (sensor >= _topics.Length)
                {
                    sensor = index;
                }
            }
            client.Flush();
            sent += now;
            Interlocked.Add(ref _published, now);
        }
    }
}
