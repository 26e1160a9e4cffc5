using CleanroomMonitor.Mqtt.Native;

namespace CleanroomMonitor.Mqtt.Client;

// The last will: what the broker publishes for this client when its connection ends without a normal DISCONNECT.
// Sparkplug rests on it: the host's STATE offline and an edge node's NDEATH are wills (docs/instruments.md §3).
public sealed partial class MqttClient
{
    /// <summary>Sets the will sent with every CONNECT of this client, reconnects included. Call before <see cref="Start"/>.</summary>
    /// <exception cref="InvalidOperationException">The client is already started.</exception>
    /// <exception cref="MqttException">libmosquitto rejected the will.</exception>
    public unsafe void SetWill(string topic, ReadOnlySpan<byte> payload, int qos, bool retain)
    {
        ValidatePublish(topic, qos);
        lock (_lifecycleGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException($"MQTT client {_name}: the will must be set before Start().");
            }
            fixed (byte* bytes = payload)
            {
                ThrowOnError(LibMosquitto.mosquitto_will_set(_handle, topic, payload.Length, bytes, qos, retain), "Setting the will");
            }
        }
    }

    /// <summary>Ends the connection so that the broker publishes the will (MQTT 5 reason code 0x04), then disposes the
    /// client: how a simulated device "dies" in tests without killing a process.</summary>
    /// <exception cref="InvalidOperationException">The client does not speak MQTT 5 (3.1.1 has no such disconnect).</exception>
    public ValueTask DisconnectWithWillAsync()
    {
        if (_options.ProtocolVersion != MqttProtocolVersion.V5)
        {
            throw new InvalidOperationException($"MQTT client {_name}: a disconnect that sends the will needs MQTT 5.");
        }
        lock (_lifecycleGate)
        {
            if (!_disposed && _started)
            {
                LibMosquitto.mosquitto_disconnect_v5(_handle, LibMosquitto.DisconnectWithWillReason, 0);
            }
        }
        return DisposeAsync();
    }
}
