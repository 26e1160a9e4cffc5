namespace CleanroomMonitor.Mqtt.Client;

/// <summary>The MQTT protocol version the client speaks.</summary>
public enum MqttProtocolVersion
{
    /// <summary>MQTT 3.1.1: a persistent session lives until the client connects with a clean session.</summary>
    V311,

    /// <summary>MQTT 5: a persistent session also needs a Session Expiry Interval (see <see cref="MqttClientOptions.SessionExpiry"/>).</summary>
    V5,
}
