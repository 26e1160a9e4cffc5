using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Mqtt.Decoding;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Mqtt.Subscribing;

/// <summary>Subscribes to every MQTT sensor topic of the facility (QoS 1, persistent session) and turns each message
/// into a <see cref="SensorSample"/> on the pipeline, or a counted rejection.</summary>
/// <remarks>A message is acknowledged to the broker only once it is safe: its reading committed to the durable buffer (the
/// acknowledgement rides on the sample), or it was refused and counted. Until then the broker keeps it in the persistent
/// session and sends it again after a crash; the ingest duplicate guard recognises the repeat (docs/mqtt.md).</remarks>
public sealed class MqttSource(FacilityDefinition facility, MqttClient client, PipelineChannels channels, IngestStatistics statistics,
    IOptions<IngestOptions> ingest) : BackgroundService
{
    internal const int Qos = 1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await channels.SourcesMayStart.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        foreach (var filter in SubscriptionFilters(facility))
        {
            client.Subscribe(filter, Qos);
        }
        client.Start();
        try
        {
            await foreach (var message in client.Messages.ReadAllAsync(stoppingToken))
            {
                await HandleAsync(message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Disconnect while still reading: what is already in the inbox is handled (and stored) rather than left for the
            // broker to send again. The inbox completes after the client stops.
            var disposing = Task.Run(async () => await client.DisposeAsync(), CancellationToken.None);
            await foreach (var message in client.Messages.ReadAllAsync(CancellationToken.None))
            {
                await HandleAsync(message, CancellationToken.None);
            }
            await disposing;
        }
    }

    /// <summary>The tree the service publishes excursion alerts under (retained); its subscriptions leave it out.</summary>
    public static string AlertTopicPrefix(FacilityDefinition facility) => $"{facility.Site.TopicRoot}/{facility.Site.Id}/alerts/";

    /// <summary>Where a MES announces batch starts and ends (docs/excursions.md).</summary>
    public static string BatchTopic(FacilityDefinition facility) => $"{facility.Site.TopicRoot}/{facility.Site.Id}/mes/batches";

    /// <summary>Where the service answers each MES batch message, accepted or refused (docs/security.md).</summary>
    public static string BatchReplyTopic(FacilityDefinition facility) => BatchTopic(facility) + "/replies";

    /// <summary>A wildcard for each room's tree, the MES batch topic, and any sensor topic placed outside the rooms'
    /// trees. Not the site's whole tree: the service publishes its retained alerts and its MES replies there, and a
    /// site-wide wildcard would bring every one back to it, and all retained alerts again at each reconnect.</summary>
    internal static IReadOnlyList<string> SubscriptionFilters(FacilityDefinition facility)
    {
        var site = $"{facility.Site.TopicRoot}/{facility.Site.Id}/";
        var roomTrees = facility.Rooms.Select(r => site + r.Id.Value + "/").ToList();
        var elsewhere = facility.Sensors.Select(s => s.Topic).OfType<string>()
            .Where(t => !roomTrees.Any(tree => t.StartsWith(tree, StringComparison.Ordinal)))
            .Distinct();
        return [.. roomTrees.Select(tree => tree + "#"), BatchTopic(facility), .. elsewhere];
    }

    private async ValueTask HandleAsync(MqttMessage message, CancellationToken cancellationToken)
    {
        if (message.Payload.Length > ingest.Value.MaxPayloadBytes)
        {
            statistics.AddRejected(new Rejection(RejectionReason.OversizePayload, message.Topic,
                $"{message.Payload.Length} bytes is more than the {ingest.Value.MaxPayloadBytes} allowed"));
            message.Acknowledge();
            return;
        }
        if (message.Topic == BatchTopic(facility))
        {
            if (BatchMessageDecoder.TryDecode(message.Payload, message.Topic, out var request, out var error))
            {
                await channels.BatchRequests.Writer.WriteAsync(request, cancellationToken);
            }
            else
            {
                statistics.AddRejected(new Rejection(RejectionReason.MalformedPayload, message.Topic, error));
            }
            // Handed over, not yet recorded: the MES learns the outcome from the reply topic and sends again without one.
            message.Acknowledge();
            return;
        }
        if (!facility.TryGetSensorByTopic(message.Topic, out var sensor))
        {
            statistics.AddRejected(new Rejection(RejectionReason.UnknownTopic, message.Topic, "no sensor of the facility publishes on this topic"));
            message.Acknowledge();
            return;
        }
        if (!JsonSampleDecoder.TryDecode(sensor, message.Payload, message.Topic, message.ReceivedAt, out var sample, out var rejection))
        {
            statistics.AddRejected(rejection);
            message.Acknowledge();
            return;
        }
        await channels.Samples.Writer.WriteAsync(sample with { Acknowledge = message.Acknowledge }, cancellationToken);
    }
}
