namespace CleanroomMonitor.Mqtt.Client;

/// <summary>A libmosquitto call or the broker failed; <see cref="ErrorCode"/> is the <c>MOSQ_ERR_*</c> code
/// (or the CONNACK/reason code for a refused connection) and the message carries the library's text.</summary>
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

    /// <summary>The libmosquitto result code, CONNACK code or MQTT 5 reason code; 0 when not from the library.</summary>
    public int ErrorCode { get; }
}
