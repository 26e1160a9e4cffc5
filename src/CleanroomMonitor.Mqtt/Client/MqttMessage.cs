namespace CleanroomMonitor.Mqtt.Client;

/// <summary>A message received from the broker, copied out of libmosquitto's buffers.</summary>
/// <param name="Topic">The topic it was published on.</param>
/// <param name="Payload">The payload bytes (owned by this record).</param>
/// <param name="Qos">The QoS it was delivered with.</param>
/// <param name="Retain">True when the broker sent it as a retained message.</param>
/// <param name="ReceivedAt">When the client received it (injected <see cref="TimeProvider"/>, UTC).</param>
public sealed record MqttMessage(string Topic, ReadOnlyMemory<byte> Payload, int Qos, bool Retain, DateTimeOffset ReceivedAt);
