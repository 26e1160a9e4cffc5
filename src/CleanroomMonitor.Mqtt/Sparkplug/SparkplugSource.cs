using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Mqtt.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>The service as a Sparkplug B primary host application (docs/sparkplug.md): its own MQTT connection (clean
/// session, as Sparkplug requires), the retained STATE topic with an offline will, one subscription per mapped group,
/// and <see cref="SparkplugHost"/> turning births, data and deaths into samples, source events and rebirth requests.</summary>
/// <remarks>Messages and one-second ticks (silence) are handled on one loop, so the host's state needs no lock and a
/// loss is never reported after the birth that follows it.</remarks>
public sealed class SparkplugSource(FacilityDefinition facility, IOptions<MqttClientOptions> mqtt, IOptions<SparkplugOptions> options,
    PipelineChannels channels, IngestStatistics statistics, IOptions<IngestOptions> ingest, TimeProvider time,
    ILogger<SparkplugSource> logger, ILogger<MqttClient> clientLogger, IMeterFactory meters) : BackgroundService
{
    private const int Qos = 1;   // NDEATH is a QoS 1 will; the rest arrives at the QoS it was published with (0)
    private const int TickBatch = 256;
    private static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan OfflinePublishTimeout = TimeSpan.FromSeconds(2);

    private readonly TaskCompletionSource<MqttClient> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The primary host id this service publishes its STATE under.</summary>
    public string HostId => options.Value.HostId ?? $"cleanroom-monitor-{facility.Site.Id}";

    /// <summary>Completes when the Sparkplug connection is up and subscribed (tests, benchmarks).</summary>
    public async Task WaitUntilConnectedAsync(CancellationToken cancellationToken)
    {
        var client = await _started.Task.WaitAsync(cancellationToken);
        await client.WaitUntilConnectedAsync(cancellationToken);
    }

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
        var map = new SparkplugMap(facility);
        var host = new SparkplugHost(map, options.Value.RebirthInterval);
        var stateTopic = SparkplugTopic.StateTopic(HostId);
        // Sparkplug 3.0 §5.9: the will and the online message carry the same timestamp, so a late will of this
        // connection can be told from a newer session's.
        var since = time.GetUtcNow().ToUnixTimeMilliseconds();
        var online = new SparkplugHostState(true, since).ToJson();
        var offline = new SparkplugHostState(false, since).ToJson();
        var client = CreateClient();
        client.SetWill(stateTopic, offline, Qos, retain: true);
        client.ConnectionChanged += (_, e) =>
        {
            // On every (re)connect: edge nodes that buffered while we were away replay their history on seeing this.
            if (e.IsConnected)
            {
                client.Publish(stateTopic, online, Qos, retain: true);
            }
        };
        foreach (var group in map.Groups)
        {
            client.Subscribe(SparkplugTopic.GroupFilter(group), Qos);
        }
        client.Start();
        _started.TrySetResult(client);
        logger.SparkplugHostOnline(HostId, stateTopic, string.Join(", ", map.Groups));
        using var timer = new PeriodicTimer(TickInterval, time);
        try
        {
            await RunAsync(client, host, timer, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // A clean DISCONNECT does not fire the will: say offline ourselves, then drain what was received.
            try
            {
                using var timeout = new CancellationTokenSource(OfflinePublishTimeout, time);
                await client.PublishAsync(stateTopic, offline, Qos, retain: true, timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MqttException)
            {
                // Offline or slow broker: the will says it for us once the connection is gone.
            }
            await client.DisposeAsync();
            while (client.Messages.TryRead(out var message))
            {
                await HandleAsync(message, host, client, CancellationToken.None);
            }
        }
        finally
        {
            await client.DisposeAsync();
        }
    }

    private async Task RunAsync(MqttClient client, SparkplugHost host, PeriodicTimer timer, CancellationToken stoppingToken)
    {
        var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
        Task<bool>? read = null;
        while (true)
        {
            read ??= client.Messages.WaitToReadAsync(stoppingToken).AsTask();
            // The tick first: when both are ready, a long backlog still lets the silence check run about once a second.
            if (await Task.WhenAny(tick, read) == read)
            {
                if (!await read)
                {
                    return;
                }
                read = null;
                var handled = 0;
                while (client.Messages.TryRead(out var message))
                {
                    await HandleAsync(message, host, client, stoppingToken);
                    if (++handled % TickBatch == 0 && tick.IsCompleted)
                    {
                        break;
                    }
                }
            }
            else
            {
                await tick;
                await ApplyAsync(host.OnTick(time.GetUtcNow()), client, stoppingToken);
                tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            }
        }
    }

    private async ValueTask HandleAsync(MqttMessage message, SparkplugHost host, MqttClient client, CancellationToken cancellationToken)
    {
        if (message.Payload.Length > ingest.Value.MaxPayloadBytes)
        {
            statistics.AddRejected(new Rejection(RejectionReason.OversizePayload, message.Topic,
                $"{message.Payload.Length} bytes is more than the {ingest.Value.MaxPayloadBytes} allowed"));
            message.Acknowledge();
            return;
        }
        await ApplyAsync(host.Handle(message.Topic, message.Payload, message.ReceivedAt), client, cancellationToken, message.Acknowledge);
    }

    /// <param name="acknowledge">The message's acknowledgement: it rides on the last sample (the pipeline is first in, first
    /// out, so that sample's commit covers the others), or is given at once when the message yields no sample.</param>
    private async ValueTask ApplyAsync(SparkplugOutcome outcome, MqttClient client, CancellationToken cancellationToken, Action? acknowledge = null)
    {
        foreach (var rejection in outcome.Rejections)
        {
            statistics.AddRejected(rejection);
        }
        foreach (var request in outcome.Rebirths)
        {
            RequestRebirth(client, request);
        }
        foreach (var sourceEvent in outcome.Events)
        {
            if (sourceEvent.Kind == SourceEventKind.CommunicationRestored)
            {
                logger.SparkplugRestored(sourceEvent.Sensors.Count, sourceEvent.Origin, sourceEvent.Detail);
            }
            else
            {
                logger.SparkplugSourceEvent(sourceEvent.Kind, sourceEvent.Sensors.Count, sourceEvent.Origin, sourceEvent.Detail);
            }
            await channels.Judging.Writer.WriteAsync(JudgeInput.Of(sourceEvent), cancellationToken);
        }
        for (var i = 0; i < outcome.Samples.Count; i++)
        {
            var sample = outcome.Samples[i];
            await channels.Samples.Writer.WriteAsync(i == outcome.Samples.Count - 1 ? sample with { Acknowledge = acknowledge } : sample, cancellationToken);
        }
        if (outcome.Samples.Count == 0)
        {
            acknowledge?.Invoke();
        }
    }

    private void RequestRebirth(MqttClient client, RebirthRequest request)
    {
        logger.SparkplugRebirthRequested(request.Group, request.EdgeNode, request.Reason);
        bool sent;
        try
        {
            // NCMD is QoS 0 (Sparkplug 3.0 §7.5): a node that misses it is asked again after the rebirth interval.
            sent = client.Publish(request.Topic, RebirthRequest.Payload(time.GetUtcNow()), qos: 0, retain: false);
        }
        catch (MqttException)
        {
            sent = false;
        }
        if (!sent)
        {
            logger.SparkplugRebirthNotSent(request.Group, request.EdgeNode);
        }
    }

    private MqttClient CreateClient()
    {
        var shared = mqtt.Value;
        var own = new MqttClientOptions
        {
            Host = shared.Host,
            Port = shared.Port,
            ClientId = options.Value.ClientId ?? HostId + "-sparkplug",
            // Sparkplug 3.0 §7.1: clean session / clean start with session expiry 0; edge nodes buffer instead.
            CleanSession = true,
            SessionExpiry = TimeSpan.Zero,
            ProtocolVersion = shared.ProtocolVersion,
            KeepAlive = shared.KeepAlive,
            Username = shared.Username,
            Password = shared.Password,
            CaFile = shared.CaFile,
            CertFile = shared.CertFile,
            KeyFile = shared.KeyFile,
            TlsInsecure = shared.TlsInsecure,
            ReconnectDelayMin = shared.ReconnectDelayMin,
            ReconnectDelayMax = shared.ReconnectDelayMax,
            MaxInflight = shared.MaxInflight,
            InboxCapacity = shared.InboxCapacity,
            MaxConnectRefusals = shared.MaxConnectRefusals,
            AcknowledgeAfterHandling = true,
        };
        return new MqttClient(own, time, clientLogger, meters);
    }
}
