using CleanroomMonitor.TestSupport;
using static CleanroomMonitor.Mqtt.Tests.Client.MqttTestContext;

namespace CleanroomMonitor.Mqtt.Tests.Client;

/// <summary>A site broker bridged to a central one (TestSupport's <see cref="BridgedBrokers"/>, the layout of
/// docs/scale-out.md): what is published at the site reaches a subscriber of the central broker, and what the site
/// broker queued for the bridge survives either broker being away and the site broker restarting.</summary>
public sealed class BridgedBrokersTests
{
    /// <summary>Longer than the client tests' deadline: after a failed attempt mosquitto 2.0.11 reconnects a bridge
    /// only some seconds later (about 7 s on this machine, whatever <c>restart_timeout</c> says).</summary>
    private static readonly TimeSpan BridgeDeadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Publish_ToSiteBroker_ArrivesAtCentralSubscriberInOrder()
    {
        using var deadline = new CancellationTokenSource(BridgeDeadline);
        await using var brokers = await BridgedBrokers.StartAsync("cleanroom/#", deadline.Token);
        await brokers.WaitUntilBridgeConnectedAsync(BridgeDeadline, deadline.Token);
        await using var subscriber = await ConnectedAsync(Options(brokers.Central, UniqueId("central-sub")), deadline.Token, "cleanroom/#");
        await using var publisher = await ConnectedAsync(Options(brokers.Site, null), deadline.Token);

        foreach (var i in Enumerable.Range(0, 20))
        {
            await publisher.PublishAsync("cleanroom/s1/cr1/th1", Bytes($"{i}"), qos: 1, retain: false, deadline.Token);
        }
        await publisher.PublishAsync("other/topic", Bytes("not bridged"), qos: 1, retain: false, deadline.Token);
        await publisher.PublishAsync("cleanroom/s1/cr1/th1", Bytes("end"), qos: 1, retain: false, deadline.Token);

        var received = await ReadUntilAsync(subscriber, "end", deadline.Token);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{i}"), received);
    }

    [Fact]
    public async Task Publish_CentralDownAndSiteBrokerRestarted_QueuedForTheBridgeAndDeliveredOnce()
    {
        using var deadline = new CancellationTokenSource(BridgeDeadline);
        await using var brokers = await BridgedBrokers.StartAsync("cleanroom/#", deadline.Token);
        await brokers.WaitUntilBridgeConnectedAsync(BridgeDeadline, deadline.Token);
        var subscriberOptions = Options(brokers.Central, UniqueId("central-sub"));
        await (await ConnectedAsync(subscriberOptions, deadline.Token, "cleanroom/#")).DisposeAsync();   // a persistent session on the central broker

        await brokers.Central.StopAsync();
        await Eventually.UntilAsync(async ct => await brokers.IsBridgeConnectedAsync(ct) == false, BridgeDeadline,
            "the site broker to see its bridge down", cancellationToken: deadline.Token);
        await using (var publisher = await ConnectedAsync(Options(brokers.Site, null), deadline.Token))
        {
            foreach (var i in Enumerable.Range(0, 50))
            {
                await publisher.PublishAsync("cleanroom/s1/cr1/th1", Bytes($"{i}"), qos: 1, retain: false, deadline.Token);
            }
        }
        await brokers.Site.RestartAsync(deadline.Token);   // SIGTERM: the queue for the bridge is saved with the session
        await brokers.Central.StartAgainAsync(deadline.Token);
        await using var subscriber = await ConnectedAsync(subscriberOptions, deadline.Token, "cleanroom/#");
        // A marker sent after the queue: a redelivered copy would arrive before it (one bridge, in order).
        await using (var publisher = await ConnectedAsync(Options(brokers.Site, null), deadline.Token))
        {
            await publisher.PublishAsync("cleanroom/s1/cr1/th1", Bytes("end"), qos: 1, retain: false, deadline.Token);
        }
        var received = await ReadUntilAsync(subscriber, "end", deadline.Token);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"{i}"), received);
        Assert.True(await brokers.IsBridgeConnectedAsync(deadline.Token), "the bridge should be connected again");
    }

    [Fact]
    public async Task ExampleBridgeSection_RunBySiteMosquitto_ForwardsReadingsToCentral()
    {
        using var deadline = new CancellationTokenSource(BridgeDeadline);
        var example = await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Root, "deploy", "mosquitto", "bridge.conf.example"), deadline.Token);
        await using var central = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        // The example's bridge section as written, pointed at this test's central broker.
        var bridge = example.SkipWhile(line => !line.StartsWith("connection ", StringComparison.Ordinal))
            .Select(line => line.StartsWith("address ", StringComparison.Ordinal) ? $"address {central.Host}:{central.Port}" : line)
            .ToList();
        Assert.Contains("topic cleanroom/# out 1", bridge);
        Assert.Contains("cleansession false", bridge);
        await using var subscriber = await ConnectedAsync(Options(central, UniqueId("central-sub")), deadline.Token, "cleanroom/#");
        await using var site = await MosquittoProcess.StartWithConfigurationAsync(bridge, deadline.Token);
        await using var publisher = await ConnectedAsync(Options(site, null), deadline.Token);

        await publisher.PublishAsync("cleanroom/s1/cr1/th1", Bytes("21.5"), qos: 1, retain: false, deadline.Token);

        var message = await subscriber.Messages.ReadAsync(deadline.Token);
        Assert.Equal(("cleanroom/s1/cr1/th1", "21.5"), (message.Topic, Text(message)));
    }
}
