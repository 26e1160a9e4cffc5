using MQTTnet;
using MQTTnet.Protocol;

namespace CleanroomMonitor.Mqtt.Client;

// The last will: what the broker publishes for this client when its connection ends without a normal DISCONNECT.
// Sparkplug rests on it: the host's STATE offline and an edge node's NDEATH are wills (docs/instruments.md §3).
public sealed partial class MqttClient
{
    /// <summary>Sets the will sent with every CONNECT of this client, reconnects included. Call before <see cref="Start"/>.</summary>
    /// <exception cref="InvalidOperationException">The client is already started.</exception>
    public void SetWill(string topic, ReadOnlySpan<byte> payload, int qos, bool retain)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ValidateQos(qos);
        lock (_lifecycleGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException($"MQTT client {_name}: the will must be set before Start().");
            }
            Volatile.Write(ref _will, new MqttApplicationMessage
            {
                Topic = topic,
                Payload = new System.Buffers.ReadOnlySequence<byte>(payload.ToArray()),
                QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
                Retain = retain,
            });
        }
    }

    /// <summary>Ends the connection so that the broker publishes the will (MQTT 5 reason code 0x04), then disposes the
    /// client: how a simulated device "dies" in tests without killing a process.</summary>
    /// <exception cref="InvalidOperationException">The client does not speak MQTT 5 (3.1.1 has no such disconnect).</exception>
    public async ValueTask DisconnectWithWillAsync()
    {
        if (_options.ProtocolVersion != MqttProtocolVersion.V5)
        {
            throw new InvalidOperationException($"MQTT client {_name}: a disconnect that sends the will needs MQTT 5.");
        }
        if (!_disposed && _mqtt.IsConnected)
        {
            using var timeout = new CancellationTokenSource(DisconnectTimeout);
            await _mqtt.DisconnectAsync(new MqttClientDisconnectOptions { Reason = MqttClientDisconnectOptionsReason.DisconnectWithWillMessage }, timeout.Token);
        }
        await DisposeAsync();
    }
}
