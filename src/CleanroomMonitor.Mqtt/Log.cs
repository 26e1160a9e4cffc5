using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Mqtt;

/// <summary>Source-generated log messages of the MQTT adapter. EventIds 2000–2499 belong to the client
/// (Native/, Client/); 2500–2999 are reserved for the source, decoders and publisher.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "MQTT client {Client} starting: broker {Host}:{Port}, MQTT {Protocol}, clean session {CleanSession}")]
    public static partial void ClientStarting(this ILogger logger, string client, string host, int port, Client.MqttProtocolVersion protocol, bool cleanSession);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "MQTT client {Client} connected to {Host}:{Port}")]
    public static partial void Connected(this ILogger logger, string client, string host, int port);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "MQTT client {Client} lost its connection: {Reason} (rc {ReasonCode}); libmosquitto reconnects")]
    public static partial void ConnectionLost(this ILogger logger, string client, string reason, int reasonCode);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "MQTT broker refused client {Client}: {Reason} (code {ReasonCode}), refusal {Count} of {Max}")]
    public static partial void ConnectRefused(this ILogger logger, string client, string reason, int reasonCode, int count, int max);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "MQTT client {Client} stopped retrying after {Count} refusals in a row: {Reason}")]
    public static partial void GaveUpAfterRefusals(this ILogger logger, string client, int count, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} not reachable for client {Client}: {Error}; retrying")]
    public static partial void BrokerNotReachable(this ILogger logger, string client, string host, int port, string error);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "MQTT client {Client} disconnected for {DisconnectedFor}: watchdog restarts the network loop")]
    public static partial void WatchdogRestart(this ILogger logger, string client, TimeSpan disconnectedFor);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "MQTT client {Client} was disposed with its inbox full ({Capacity} messages) and nobody reading: a message already acknowledged to the broker is lost, on {Topic}")]
    public static partial void InboxOverflow(this ILogger logger, string client, int capacity, string topic);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "MQTT client {Client} inbox has room again after {Waited}")]
    public static partial void InboxRecovered(this ILogger logger, string client, TimeSpan waited);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Debug, Message = "MQTT client {Client} inbox full ({Capacity} messages): the network thread waits, the broker holds what follows")]
    public static partial void InboxFull(this ILogger logger, string client, int capacity);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Critical, Message = "MQTT client {Client}: unexpected exception in a libmosquitto callback (caught: it must not reach native code)")]
    public static partial void CallbackFailed(this ILogger logger, string client, Exception exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "libmosquitto ({Client}): {Text}")]
    public static partial void LibraryWarning(this ILogger logger, string client, string text);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug, Message = "libmosquitto ({Client}): {Text}")]
    public static partial void LibraryDebug(this ILogger logger, string client, string text);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error, Message = "MQTT client {Client} could not subscribe to {TopicFilter}: {Error}")]
    public static partial void SubscribeFailed(this ILogger logger, string client, string topicFilter, string error);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "MQTT client {Client} disconnected")]
    public static partial void Disconnected(this ILogger logger, string client);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information, Message = "MQTT client {Client} stopped; {PendingAcks} publishes were still waiting for PUBACK")]
    public static partial void ClientStopped(this ILogger logger, string client, int pendingAcks);
}
