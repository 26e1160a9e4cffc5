namespace CleanroomMonitor.Mqtt.Client;

/// <summary>The client connected, was refused, or lost its connection. Raised on libmosquitto's network
/// thread: handlers must return quickly (a slow handler stalls keep-alive and every message of the client).</summary>
/// <param name="isConnected">True after a successful CONNACK.</param>
/// <param name="reasonCode">CONNACK code (3.1.1) or reason code (5) on connect; <c>MOSQ_ERR_*</c> on disconnect (0 = the client asked).</param>
/// <param name="reason">libmosquitto's text for <paramref name="reasonCode"/>.</param>
public sealed class MqttConnectionChangedEventArgs(bool isConnected, int reasonCode, string reason) : EventArgs
{
    public bool IsConnected { get; } = isConnected;

    public int ReasonCode { get; } = reasonCode;

    public string Reason { get; } = reason;
}
