namespace CleanroomMonitor.Mqtt.Client;

/// <summary>The client connected, was refused, or lost its connection. Raised on the client's connection task:
/// handlers must return quickly (a slow handler delays the subscriptions of the next connect).</summary>
/// <param name="isConnected">True after a successful CONNACK.</param>
/// <param name="reasonCode">The MQTT 5 reason code of the CONNACK or DISCONNECT (3.1.1 codes are mapped to it); 0 when the
/// connection failed below MQTT (socket, TLS).</param>
/// <param name="reason">The reason in words, or the socket or TLS error.</param>
public sealed class MqttConnectionChangedEventArgs(bool isConnected, int reasonCode, string reason) : EventArgs
{
    public bool IsConnected { get; } = isConnected;

    public int ReasonCode { get; } = reasonCode;

    public string Reason { get; } = reason;
}
