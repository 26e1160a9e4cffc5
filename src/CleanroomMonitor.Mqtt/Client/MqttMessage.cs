namespace CleanroomMonitor.Mqtt.Client;

/// <summary>A message received from the broker, copied out of the library's buffers.</summary>
/// <param name="Topic">The topic it was published on.</param>
/// <param name="Payload">The payload bytes (owned by this record).</param>
/// <param name="Qos">The QoS it was delivered with.</param>
/// <param name="Retain">True when the broker sent it as a retained message.</param>
/// <param name="ReceivedAt">When the client received it (injected <see cref="TimeProvider"/>, UTC).</param>
public sealed record MqttMessage(string Topic, ReadOnlyMemory<byte> Payload, int Qos, bool Retain, DateTimeOffset ReceivedAt)
{
    internal AcknowledgementWindow<MQTTnet.MqttApplicationMessageReceivedEventArgs>.Ticket? Ticket { get; init; }

    /// <summary>With <see cref="MqttClientOptions.AcknowledgeAfterHandling"/>: the message is safe (stored, or refused
    /// and counted), so the broker may forget it. The PUBACK goes out once every message received before this one is
    /// acknowledged too. Quick, never throws, idempotent; does nothing for QoS 0 or when the client acknowledges on receipt.</summary>
    public void Acknowledge() => Ticket?.Complete();
}
