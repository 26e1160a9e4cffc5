namespace CleanroomMonitor.Mqtt.Client;

/// <summary>The broker refused the client or a message, or the client could not do what was asked; <see cref="ErrorCode"/>
/// is the MQTT 5 reason code of a refusal (or the socket error of a host that does not resolve).</summary>
public sealed class MqttException : Exception
{
    public MqttException()
    {
    }

    public MqttException(string message)
        : base(message)
    {
    }

    public MqttException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MqttException(string message, int errorCode)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>The MQTT 5 reason code or socket error; 0 when neither applies.</summary>
    public int ErrorCode { get; }
}
