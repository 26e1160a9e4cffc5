using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace CleanroomMonitor.Mqtt.Client;

/// <summary>MQTTnet's own warnings and errors (a handler that threw, a protocol violation) in our log, tagged with the
/// client; its info lines at Debug and its verbose lines (one per packet) at Trace.</summary>
internal sealed class MqttNetLogBridge(ILogger logger, string client) : IMqttNetLogger
{
    public bool IsEnabled => logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel level, string source, string message, object[] parameters, Exception exception)
    {
        if ((level == MqttNetLogLevel.Verbose && !logger.IsEnabled(LogLevel.Trace)) || (level == MqttNetLogLevel.Info && !logger.IsEnabled(LogLevel.Debug)))
        {
            return;
        }
        var text = parameters is { Length: > 0 } ? string.Format(System.Globalization.CultureInfo.InvariantCulture, message, parameters) : message;
        switch (level)
        {
            case MqttNetLogLevel.Error:
                logger.LibraryError(client, source, text, exception);
                break;
            case MqttNetLogLevel.Warning:
                logger.LibraryWarning(client, source, text, exception);
                break;
            case MqttNetLogLevel.Info:
                logger.LibraryDebug(client, source, text);
                break;
            default:
                logger.LibraryTrace(client, source, text);
                break;
        }
    }
}
