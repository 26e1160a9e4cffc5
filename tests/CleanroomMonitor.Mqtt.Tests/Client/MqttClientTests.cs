using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.TestSupport;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using static CleanroomMonitor.Mqtt.Tests.Client.MqttTestContext;

namespace CleanroomMonitor.Mqtt.Tests.Client;

/// <summary>The client against a real mosquitto 2.0.11 broker: round trips, protocol versions, failures, back-pressure.</summary>
public sealed class MqttClientTests
{
    [Fact]
    public async Task PublishAsync_Qos1RoundTripOf1000Messages_AllReceivedIdentical()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        await using var subscriber = await ConnectedAsync(Options(broker, UniqueId("sub")), deadline.Token, "room/+/pc");
        await using var publisher = await ConnectedAsync(Options(broker, null), deadline.Token);
        var sent = Enumerable.Range(0, 1000).Select(i => $"{{\"seq\":{i},\"pc05\":{i * 7}}}").ToList();

        await Task.WhenAll(sent.Select(p => publisher.PublishAsync("room/B-FILL/pc", Bytes(p), qos: 1, retain: false, deadline.Token)));
        var received = await ReadAsync(subscriber, sent.Count, deadline.Token);

        Assert.Equal(sent, received.Select(Text));
        Assert.All(received, m => Assert.Equal(("room/B-FILL/pc", 1, false), (m.Topic, m.Qos, m.Retain)));
    }

    [Fact]
    public async Task Start_MqttV5WithSessionExpiry_SessionSurvivesReconnectAndDisconnect()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        var subscriberOptions = Options(broker, UniqueId("v5-sub"), o =>
        {
            o.ProtocolVersion = MqttProtocolVersion.V5;
            o.SessionExpiry = TimeSpan.FromHours(1);
        });
        await using (var first = await ConnectedAsync(subscriberOptions, deadline.Token, "alarms/#"))
        {
            // A reconnect must send the Session Expiry Interval again, or the session ends at disconnect.
            var disconnected = NextDisconnectAsync(first, deadline.Token);
            await broker.RestartAsync(deadline.Token);
            await disconnected;
            await first.WaitUntilConnectedAsync(deadline.Token);
        }
        await using (var publisher = await ConnectedAsync(Options(broker, null, o => o.ProtocolVersion = MqttProtocolVersion.V5), deadline.Token))
        {
            foreach (var i in Enumerable.Range(0, 10))
            {
                await publisher.PublishAsync("alarms/B-FILL", Bytes($"alarm-{i}"), qos: 1, retain: false, deadline.Token);
            }
        }

        await using var second = await ConnectedAsync(subscriberOptions, deadline.Token, "alarms/#");
        var received = await ReadAsync(second, 10, deadline.Token);

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"alarm-{i}"), received.Select(Text));
    }

    [Fact]
    public async Task Dispose_CleanSessionV5_BrokerForgetsTheSessionAndQueuesNothingForIt()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        var id = UniqueId("clean");
        await (await ConnectedAsync(Options(broker, id, o => o.CleanSession = true), deadline.Token, "room/#")).DisposeAsync();
        await using (var publisher = await ConnectedAsync(Options(broker, null), deadline.Token))
        {
            await publisher.PublishAsync("room/B-FILL/dp", Bytes("after the clean subscriber left"), qos: 1, retain: false, deadline.Token);
        }

        // Same id, clean session off and no subscription of its own: only a session the broker kept could deliver anything.
        await using var again = await ConnectedAsync(Options(broker, id), deadline.Token);
        await PingAsync(again, deadline.Token);

        Assert.False(again.Messages.TryRead(out var kept), $"the broker kept the clean session and queued: {(kept is null ? "" : Text(kept))}");
    }

    [Fact]
    public async Task WaitUntilConnectedAsync_NothingListensOnPort_KeepsRetryingAndReportsRefusal()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var logger = new FakeLogger<MqttClient>();
        await using var client = Create(Options("127.0.0.1", FreePort.Next(), UniqueId("nobody")), logger);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1.5));

        client.Start();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitUntilConnectedAsync(wait.Token));
        Assert.False(client.IsConnected);
        Assert.Contains("refused", client.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, logger.Count(2005));
    }

    [Fact]
    public async Task Start_UnresolvableHost_ThrowsMqttExceptionNamingTheHost()
    {
        await using var client = Create(Options("no-such-broker.invalid", 1883, UniqueId("dns")));

        var error = Assert.Throws<MqttException>(client.Start);

        Assert.Contains("no-such-broker.invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains((SocketError)error.ErrorCode, new[] { SocketError.HostNotFound, SocketError.TryAgain, SocketError.NoData });
    }

    [Fact]
    public async Task WaitUntilConnectedAsync_WrongPassword_FaultsAfterMaxRefusals()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync("monitor", "right-password", deadline.Token);
        var logger = new FakeLogger<MqttClient>();
        await using var client = Create(Options(broker, UniqueId("badpw"), o =>
        {
            o.Username = "monitor";
            o.Password = "wrong-password";
            o.MaxConnectRefusals = 2;
        }), logger);

        client.Start();
        var error = await Assert.ThrowsAsync<MqttException>(() => client.WaitUntilConnectedAsync(deadline.Token));

        Assert.Equal(135, error.ErrorCode);   // MQTT 5 reason code 0x87: not authorised
        Assert.Equal(2, logger.Count(2003));
        Assert.Equal(1, logger.Count(2004));
    }

    [Fact]
    public async Task WaitUntilConnectedAsync_RightPassword_Connects()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync("monitor", "right-password", deadline.Token);
        await using var client = Create(Options(broker, UniqueId("goodpw"), o =>
        {
            o.Username = "monitor";
            o.Password = "right-password";
        }));

        client.Start();
        await client.WaitUntilConnectedAsync(deadline.Token);

        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Messages_TinyInboxReadLate_ReceivingWaitsAndNothingIsLost()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        await using var subscriber = Create(Options(broker, UniqueId("tiny"), o => o.InboxCapacity = 2));
        subscriber.Subscribe("room/#", qos: 1);
        subscriber.Start();
        await subscriber.WaitUntilConnectedAsync(deadline.Token);
        await using var publisher = await ConnectedAsync(Options(broker, null), deadline.Token);

        foreach (var i in Enumerable.Range(0, 10))
        {
            await publisher.PublishAsync("room/B-FILL/dp", Bytes($"{i}"), qos: 1, retain: false, deadline.Token);
        }
        await Eventually.UntilAsync(() => subscriber.InboxWaits >= 1, TimeSpan.FromSeconds(30), "the subscriber's inbox to be full", cancellationToken: deadline.Token);
        var received = new List<string>();
        while (received.Count < 10)
        {
            received.Add(Text(await subscriber.Messages.ReadAsync(deadline.Token)));
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"{i}"), received);
    }

    [Fact]
    public async Task Dispose_InboxFullAndNobodyReading_UnacknowledgedMessagesComeToTheNextSession()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        var id = UniqueId("stuck");
        var subscriber = await ConnectedAsync(Options(broker, id, o =>
        {
            o.InboxCapacity = 2;
            o.AcknowledgeAfterHandling = true;
        }), deadline.Token, "room/#");
        await using var publisher = await ConnectedAsync(Options(broker, null), deadline.Token);
        foreach (var i in Enumerable.Range(0, 5))
        {
            await publisher.PublishAsync("room/B-FILL/dp", Bytes($"{i}"), qos: 1, retain: false, deadline.Token);
        }
        await Eventually.UntilAsync(() => subscriber.InboxWaits >= 1, TimeSpan.FromSeconds(30), "the subscriber's inbox to be full", cancellationToken: deadline.Token);

        await subscriber.DisposeAsync().AsTask().WaitAsync(deadline.Token);
        await using var next = await ConnectedAsync(Options(broker, id, o => o.AcknowledgeAfterHandling = true), deadline.Token, "room/#");
        var received = await ReadAsync(next, 5, deadline.Token);

        Assert.Equal(["0", "1", "2", "3", "4"], received.Select(Text));
    }

    [Fact]
    public async Task Acknowledge_OutOfOrder_PubackWaitsForEveryEarlierMessage()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        var subscriberOptions = Options(broker, UniqueId("ordered"), o => o.AcknowledgeAfterHandling = true);
        var subscriber = await ConnectedAsync(subscriberOptions, deadline.Token, "room/#");
        await using var publisher = await ConnectedAsync(Options(broker, null), deadline.Token);
        foreach (var i in Enumerable.Range(0, 10))
        {
            await publisher.PublishAsync("room/B-FILL/dp", Bytes($"{i}"), qos: 1, retain: false, deadline.Token);
        }
        var first = await ReadAsync(subscriber, 10, deadline.Token);

        // 0–3 safe, 4 not yet, 5 and 7 safe: only 0–3 may be acknowledged to the broker.
        foreach (var i in new[] { 0, 1, 2, 3, 5, 7 })
        {
            first[i].Acknowledge();
        }
        await Eventually.UntilAsync(() => subscriber.ReleasedCount == 4, TimeSpan.FromSeconds(5), "0–3 acknowledged to the broker",
            cancellationToken: deadline.Token);
        Assert.Equal(6, subscriber.PendingAcknowledgements);
        await PingAsync(subscriber, deadline.Token);   // the broker has taken the PUBACKs written before this round trip
        await subscriber.DisposeAsync();
        await using var next = await ConnectedAsync(subscriberOptions, deadline.Token, "room/#");
        var again = await ReadAsync(next, 6, deadline.Token);

        Assert.Equal(["4", "5", "6", "7", "8", "9"], again.Select(Text));
        Assert.All(again, m => m.Acknowledge());
    }

    [Fact]
    public async Task Acknowledge_MessagesQueuedInTheSessionArriveAtConnect_AcknowledgedAndNotSentAgain()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        var id = UniqueId("queued");
        await (await ConnectedAsync(Options(broker, id, o => o.AcknowledgeAfterHandling = true), deadline.Token, "room/#")).DisposeAsync();
        await using (var publisher = await ConnectedAsync(Options(broker, null), deadline.Token))
        {
            foreach (var i in Enumerable.Range(0, 20))
            {
                await publisher.PublishAsync("room/B-FILL/dp", Bytes($"{i}"), qos: 1, retain: false, deadline.Token);
            }
        }

        // The broker sends the session's queue right after the CONNACK, possibly before ConnectAsync returns to the client.
        var second = await ConnectedAsync(Options(broker, id, o => o.AcknowledgeAfterHandling = true), deadline.Token, "room/#");
        var queued = await ReadAsync(second, 20, deadline.Token);
        queued.ForEach(m => m.Acknowledge());
        await Eventually.UntilAsync(() => second.ReleasedCount == 20, TimeSpan.FromSeconds(5), "every message acknowledged to the broker",
            cancellationToken: deadline.Token);
        await PingAsync(second, deadline.Token);
        await second.DisposeAsync();
        await using var third = await ConnectedAsync(Options(broker, id, o => o.AcknowledgeAfterHandling = true), deadline.Token, "room/#");
        await PingAsync(third, deadline.Token);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"{i}"), queued.Select(Text));
        Assert.False(third.Messages.TryRead(out var again), $"sent again: {(again is null ? "" : Text(again))}");
    }

    [Fact]
    public async Task AcknowledgeAfterHandling_ReceiveMaximumReached_BrokerWaitsForAcknowledgements()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        await using var subscriber = await ConnectedAsync(Options(broker, UniqueId("window"), o =>
        {
            o.AcknowledgeAfterHandling = true;
            o.MaxInflight = 5;
        }), deadline.Token, "room/#");
        await using var publisher = await ConnectedAsync(Options(broker, null), deadline.Token);
        foreach (var i in Enumerable.Range(0, 12))
        {
            await publisher.PublishAsync("room/B-FILL/dp", Bytes($"{i}"), qos: 1, retain: false, deadline.Token);
        }

        var window = await ReadAsync(subscriber, 5, deadline.Token);
        await PingAsync(subscriber, deadline.Token);   // anything the broker sent before this round trip has arrived
        Assert.False(subscriber.Messages.TryRead(out _));
        window.ForEach(m => m.Acknowledge());
        var rest = await ReadAsync(subscriber, 7, deadline.Token);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"{i}"), window.Concat(rest).Select(Text));
    }

    [Fact]
    public void Constructor_PersistentSessionWithoutClientIdAndBadDelays_ListsEveryProblem()
    {
        var options = new MqttClientOptions
        {
            ClientId = null,
            CleanSession = false,
            ReconnectDelayMin = TimeSpan.FromSeconds(10),
            ReconnectDelayMax = TimeSpan.FromSeconds(5),
            Port = 0,
        };

        var error = Assert.Throws<OptionsValidationException>(() => Create(options));

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("ClientId", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("ReconnectDelayMax", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Port", StringComparison.Ordinal));
    }

    // A QoS 1 publish to a topic of its own, round trip through the broker to the same client: everything the broker
    // sent this client before is in by then.
    private static async Task PingAsync(MqttClient client, CancellationToken cancellationToken) =>
        await client.PublishAsync("ping/" + Guid.NewGuid().ToString("N"), Bytes("ping"), qos: 1, retain: false, cancellationToken);
}
