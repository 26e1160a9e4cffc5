using System.Diagnostics;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>What the broker alone delivers: the same gateways publishing as fast as they can, and one plain QoS 1
/// subscriber that only counts what it receives. The service's sustained rate reads as a fraction of this.</summary>
internal static class BrokerCeiling
{
    public static async Task<double> MeasureAsync(MosquittoProcess broker, IReadOnlyList<string> topics, int gateways, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        await using var subscriber = new MqttClient(new MqttClientOptions
        {
            Port = broker.Port,
            ClientId = "bench-plain-subscriber",
            CleanSession = true,
            MaxInflight = 2000,
            InboxCapacity = 1_000_000,
        }, TimeProvider.System, NullLogger<MqttClient>.Instance);
        subscriber.Subscribe(topics[0][..(topics[0].IndexOf('/', StringComparison.Ordinal) + 1)] + "#", 1);
        subscriber.Start();
        await subscriber.WaitUntilConnectedAsync(cancellationToken);

        long received = 0;
        var firstAt = TimeSpan.Zero;
        var lastAt = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var counting = Task.Run(async () =>
        {
            await foreach (var _ in subscriber.Messages.ReadAllAsync(cancellationToken))
            {
                if (received++ == 0)
                {
                    firstAt = clock.Elapsed;
                }
                lastAt = clock.Elapsed;
            }
        }, cancellationToken);

        await using var publisher = await LoadPublisher.ConnectAsync(broker.Port, gateways, topics, cancellationToken);
        var (published, _) = await publisher.RunAsync(rate: 0, duration, window: 2000, cancellationToken);
        var settle = Stopwatch.StartNew();
        while (Interlocked.Read(ref received) < published && settle.Elapsed < TimeSpan.FromSeconds(30))
        {
            // A measuring loop at a fine probe (the settle time is part of the figure); a shortfall is reported, not thrown.
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
        await subscriber.DisposeAsync();
        await counting;
        return received / (lastAt - firstAt).TotalSeconds;
    }
}
