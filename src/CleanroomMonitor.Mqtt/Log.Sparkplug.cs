using CleanroomMonitor.Core.Ingest;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Mqtt;

// The Sparkplug source's messages: EventIds 2500–2549 of the range the MQTT adapter reserves for sources.
// Logged on transitions (birth, death, silence, gap, host state), never per message.
internal static partial class Log
{
    [LoggerMessage(EventId = 2500, Level = LogLevel.Information, Message = "Sparkplug host {HostId} online on {Topic}; watching groups {Groups}")]
    public static partial void SparkplugHostOnline(this ILogger logger, string hostId, string topic, string groups);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Warning, Message = "Sparkplug {Kind} for {Sensors} sensor(s) of {Origin}: {Detail}")]
    public static partial void SparkplugSourceEvent(this ILogger logger, SourceEventKind kind, int sensors, string origin, string detail);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Information, Message = "Sparkplug communication restored for {Sensors} sensor(s) of {Origin}: {Detail}")]
    public static partial void SparkplugRestored(this ILogger logger, int sensors, string origin, string detail);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information, Message = "Sparkplug rebirth requested from {Group}/{EdgeNode}: {Reason}")]
    public static partial void SparkplugRebirthRequested(this ILogger logger, string group, string edgeNode, string reason);

    [LoggerMessage(EventId = 2504, Level = LogLevel.Warning, Message = "Sparkplug rebirth request to {Group}/{EdgeNode} not sent: the host is offline")]
    public static partial void SparkplugRebirthNotSent(this ILogger logger, string group, string edgeNode);
}
