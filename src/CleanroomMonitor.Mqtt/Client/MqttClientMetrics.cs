using System.Diagnostics.Metrics;

namespace CleanroomMonitor.Mqtt.Client;

/// <summary>Counters of one <see cref="MqttClient"/>, tagged with its name. Uses the host's
/// <see cref="IMeterFactory"/> when given; otherwise owns a Meter that is disposed with the client
/// (no static meters: two clients or two test hosts must not share state).</summary>
internal sealed class MqttClientMetrics : IDisposable
{
    public const string MeterName = "CleanroomMonitor.Mqtt";

    private readonly Meter? _ownedMeter;
    private readonly KeyValuePair<string, object?> _clientTag;
    private readonly Counter<long> _received;
    private readonly Counter<long> _inboxFull;
    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _acknowledgedToBroker;
    private readonly Counter<long> _connects;
    private readonly Counter<long> _connectionLosses;
    private readonly Counter<long> _refusals;
    private readonly UpDownCounter<int> _connected;

    public MqttClientMetrics(IMeterFactory? meterFactory, string client)
    {
        var meter = meterFactory?.Create(MeterName) ?? (_ownedMeter = new Meter(MeterName));
        _clientTag = new("mqtt.client", client);
        _received = meter.CreateCounter<long>("cleanroom.mqtt.messages.received", "{message}", "Messages received on the subscriptions");
        _inboxFull = meter.CreateCounter<long>("cleanroom.mqtt.inbox.full", "{wait}",
            "Times a received message found the inbox full and waited (back-pressure to the broker, nothing lost)");
        _acknowledgedToBroker = meter.CreateCounter<long>("cleanroom.mqtt.messages.released", "{message}",
            "Received QoS 1/2 messages acknowledged to the broker after their consumer had them safe");
        _acknowledged = meter.CreateCounter<long>("cleanroom.mqtt.messages.acknowledged", "{message}", "QoS 1/2 publishes acknowledged by the broker");
        _connects = meter.CreateCounter<long>("cleanroom.mqtt.connects", "{connect}", "Successful CONNACKs");
        _connectionLosses = meter.CreateCounter<long>("cleanroom.mqtt.connection.losses", "{disconnect}", "Unexpected disconnects");
        _refusals = meter.CreateCounter<long>("cleanroom.mqtt.connect.refusals", "{connect}", "CONNACKs refusing the client");
        _connected = meter.CreateUpDownCounter<int>("cleanroom.mqtt.connected", "{client}", "1 while the client is connected");
    }

    public void Received() => _received.Add(1, _clientTag);

    public void InboxFull() => _inboxFull.Add(1, _clientTag);

    public void Acknowledged() => _acknowledged.Add(1, _clientTag);

    public void AcknowledgedToBroker() => _acknowledgedToBroker.Add(1, _clientTag);

    public void Connected()
    {
        _connects.Add(1, _clientTag);
        _connected.Add(1, _clientTag);
    }

    public void Disconnected(bool unexpected)
    {
        _connected.Add(-1, _clientTag);
        if (unexpected)
        {
            _connectionLosses.Add(1, _clientTag);
        }
    }

    public void Refused() => _refusals.Add(1, _clientTag);

    public void Dispose() => _ownedMeter?.Dispose();
}
