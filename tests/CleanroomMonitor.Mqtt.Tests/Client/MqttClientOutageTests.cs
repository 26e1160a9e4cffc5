using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using static CleanroomMonitor.Mqtt.Tests.Client.MqttTestContext;

namespace CleanroomMonitor.Mqtt.Tests.Client;

/// <summary>Broker restarts and outages: subscriptions made again, QoS 1 queued while offline, sessions kept, back-off.</summary>
public sealed class MqttClientOutageTests
{
    [Fact]
    public async Task Subscribe_BrokerRestartedWithCleanSession_SubscriptionRestoredByClient()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        // Clean session: the broker forgets the subscription, so only the client's re-subscribe can bring it back.
        await using var subscriber = await ConnectedAsync(Options(broker, null), deadline.Token, "room/+/temp");
        var disconnected = NextDisconnectAsync(subscriber, deadline.Token);

        await broker.RestartAsync(deadline.Token);
        await disconnected;
        await subscriber.WaitUntilConnectedAsync(deadline.Token);
        await using var publisher = await ConnectedAsync(Options(broker, null), deadline.Token);
        await publisher.PublishAsync("room/B-FILL/temp", Bytes("21.5"), qos: 1, retain: false, deadline.Token);

        var message = await subscriber.Messages.ReadAsync(deadline.Token);
        Assert.Equal(("room/B-FILL/temp", "21.5"), (message.Topic, Text(message)));
    }

    [Fact]
    public async Task Start_PersistentSessionSubscriberAwayAndBrokerRestarted_QueuedMessagesDelivered()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        var subscriberOptions = Options(broker, UniqueId("persistent"));
        await (await ConnectedAsync(subscriberOptions, deadline.Token, "room/#")).DisposeAsync();
        await using (var publisher = await ConnectedAsync(Options(broker, null), deadline.Token))
        {
            foreach (var i in Enumerable.Range(0, 50))
            {
                await publisher.PublishAsync("room/B-FILL/pc", Bytes($"{i}"), qos: 1, retain: false, deadline.Token);
            }
        }

        await broker.RestartAsync(deadline.Token);   // SIGTERM: the broker saves sessions and their queues
        await using var subscriber = await ConnectedAsync(subscriberOptions, deadline.Token, "room/#");
        var received = await ReadAsync(subscriber, 50, deadline.Token);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"{i}"), received.Select(Text));
    }

    [Fact]
    public async Task PublishAsync_WhileBrokerDown_QueuedAndDeliveredOnceAfterItReturns()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        await using var subscriber = await ConnectedAsync(Options(broker, UniqueId("outage-sub")), deadline.Token, "room/#");
        await using var publisher = await ConnectedAsync(Options(broker, UniqueId("outage-pub")), deadline.Token);
        var publisherDown = NextDisconnectAsync(publisher, deadline.Token);
        await broker.StopAsync();
        await publisherDown;

        var acknowledged = Enumerable.Range(0, 20)
            .Select(i => publisher.PublishAsync("room/B-FILL/pc", Bytes($"id-{i}"), qos: 1, retain: false, deadline.Token))
            .ToList();
        var queued = Enumerable.Range(20, 5).Select(i => publisher.Publish("room/B-FILL/pc", Bytes($"id-{i}"), qos: 1, retain: false)).ToList();
        var droppedQos0 = publisher.Publish("room/B-FILL/pc", Bytes("qos0-offline"), qos: 0, retain: false);
        Assert.DoesNotContain(acknowledged, t => t.IsCompleted);
        await broker.StartAgainAsync(deadline.Token);
        await Task.WhenAll(acknowledged);
        await publisher.PublishAsync("room/B-FILL/pc", Bytes("end"), qos: 1, retain: false, deadline.Token);
        var received = await ReadUntilAsync(subscriber, "end", deadline.Token);

        Assert.All(queued, Assert.True);
        Assert.False(droppedQos0);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"id-{i}").Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));   // each id exactly once
    }

    [Fact]
    public async Task Start_BeforeBrokerExists_ConnectsWhenBrokerAppears()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        await broker.StopAsync();
        await using var client = Create(Options(broker, UniqueId("early")));
        client.Subscribe("room/#", qos: 1);

        client.Start();
        Assert.False(client.IsConnected);
        await broker.StartAgainAsync(deadline.Token);
        await client.WaitUntilConnectedAsync(deadline.Token);

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Reconnect_AfterAFailedAttempt_WaitsTheBackOffOnTheInjectedClock()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        await broker.StopAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var logger = new FakeLogger<MqttClient>();
        // An hour: on the system clock this test would time out; only the fake clock's advance lets the retry happen.
        await using var client = Create(Options(broker, UniqueId("backoff"), o => o.ReconnectDelayMin = o.ReconnectDelayMax = TimeSpan.FromHours(1)), logger, time);
        client.Start();
        await Eventually.UntilAsync(() => logger.Count(2005) == 1, TimeSpan.FromSeconds(5), "the first attempt to fail", cancellationToken: deadline.Token);
        await broker.StartAgainAsync(deadline.Token);

        time.Advance(TimeSpan.FromHours(1));
        await client.WaitUntilConnectedAsync(deadline.Token);

        Assert.True(client.IsConnected);
        Assert.Equal(1, logger.Count(2005));
    }
}
