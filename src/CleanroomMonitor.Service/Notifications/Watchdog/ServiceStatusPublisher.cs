using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;

namespace CleanroomMonitor.Service.Notifications.Watchdog;

/// <summary>Announces the service on the retained topic <c>&lt;topicRoot&gt;/&lt;site&gt;/status/service</c> through the MQTT
/// client it publishes its alerts with: <c>online</c> on every connect, <c>offline</c> as the connection's will, so the broker
/// says it when the service dies (a SIGKILL, a crash, a lost host), and <c>stopped</c> on a clean stop, which sends no will.</summary>
/// <remarks>A lifecycle service because of the order it needs: the will goes into every CONNECT, so it is set in
/// <see cref="StartingAsync"/>, before any hosted service's StartAsync (the MQTT source starts the client); and
/// <c>stopped</c> is published in <see cref="StoppingAsync"/>, before any StopAsync (the MQTT source disposes the client).</remarks>
internal sealed class ServiceStatusPublisher(MqttClient client, FacilityDefinition facility, TimeProvider time, ILogger<ServiceStatusPublisher> logger)
    : IHostedLifecycleService
{
    private const int Qos = 1;
    private static readonly TimeSpan StoppedPublishTimeout = TimeSpan.FromSeconds(2);

    private readonly string _topic = ServiceStatus.TopicFor(facility);
    private readonly DateTimeOffset _since = time.GetUtcNow();
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}";

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        client.SetWill(_topic, Message(ServiceStatus.Offline), Qos, retain: true);
        client.ConnectionChanged += OnConnectionChanged;
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        client.ConnectionChanged -= OnConnectionChanged;
        if (!client.IsConnected)
        {
            return;   // never connected, or the connection is gone: the broker has the will's offline, or nothing of this run
        }
        try
        {
            using var timeout = new CancellationTokenSource(StoppedPublishTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            await client.PublishAsync(_topic, Message(ServiceStatus.Stopped), Qos, retain: true, linked.Token);
            logger.ServiceStatusPublished(ServiceStatus.Stopped, _topic);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MqttException or ObjectDisposedException)
        {
            // A slow or lost broker: the clean DISCONNECT that follows then never reaches it, and the will says offline.
            logger.ServiceStatusStopNotSent(_topic, ex.Message);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnConnectionChanged(object? sender, MqttConnectionChangedEventArgs e)
    {
        if (e.IsConnected)
        {
            // Queued, not awaited: the handler runs on the client's connection task and must return at once.
            client.Publish(_topic, Message(ServiceStatus.Online), Qos, retain: true);
            logger.ServiceStatusPublished(ServiceStatus.Online, _topic);
        }
    }

    private byte[] Message(string state) => new ServiceStatus(state, _since, _instance, facility.Site.Id).ToUtf8();
}
