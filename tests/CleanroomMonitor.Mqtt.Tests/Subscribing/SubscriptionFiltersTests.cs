using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Subscribing;
using CleanroomMonitor.TestSupport;
using static CleanroomMonitor.Mqtt.Tests.Client.MqttTestContext;

namespace CleanroomMonitor.Mqtt.Tests.Subscribing;

/// <summary>What the service's subscriptions bring in, against a real mosquitto: every reading, the MES batch topic and
/// misaddressed messages in a room's tree, and not what the service itself publishes (its retained alerts, its replies
/// to the MES), which a site-wide wildcard delivered back to it on every message and every reconnect.</summary>
public sealed class SubscriptionFiltersTests
{
    private static readonly FacilityDefinition Facility = FacilityReader.Parse("""
        {
          "site": { "id": "subs", "name": "Subscriptions", "timeZone": "UTC" },
          "rooms": [ { "id": "cr1", "name": "Suite 1", "grade": "B" }, { "id": "cr2", "name": "Suite 2", "grade": "C" } ],
          "sensors": [
            { "id": "th1", "room": "cr1", "parameters": ["temperature"] },
            { "id": "th2", "room": "cr2", "parameters": ["temperature"], "topic": "gateway/legacy/th2" }
          ]
        }
        """, "facility.json");

    [Fact]
    public async Task SubscriptionFilters_ServicePublishesAlertsAndReplies_OnlyInputComesBack()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: deadline.Token);
        await using var service = await ConnectedAsync(Options(broker, UniqueId("svc")), deadline.Token, [.. MqttSource.SubscriptionFilters(Facility)]);
        await using var publisher = await ConnectedAsync(Options(broker, null), deadline.Token);
        string[] input = ["cleanroom/subs/cr1/th1", "gateway/legacy/th2", MqttSource.BatchTopic(Facility), "cleanroom/subs/cr2/ghost"];
        string[] own = [MqttSource.AlertTopicPrefix(Facility) + "cr1/th1/Threshold/temperature", MqttSource.BatchReplyTopic(Facility)];

        foreach (var topic in own.Concat(input))
        {
            await publisher.PublishAsync(topic, Bytes(topic), qos: 1, retain: own.Contains(topic), deadline.Token);
        }
        await publisher.PublishAsync("cleanroom/subs/cr1/th1", Bytes("end"), qos: 1, retain: false, deadline.Token);
        var received = await ReadUntilAsync(service, "end", deadline.Token);

        Assert.Equal(input, received);
    }
}
