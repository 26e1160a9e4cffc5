using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Mqtt;

/// <summary>Source-generated log messages of the MQTT adapter. EventIds 2000–2499 belong to the client
/// (Client/); 2500–2999 are reserved for the source, decoders and publisher.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "MQTT client {Client} starting: broker {Host}:{Port}, MQTT {Protocol}, clean session {CleanSession}")]
    public static partial void ClientStarting(this ILogger logger, string client, string host, int port, Client.MqttProtocolVersion protocol, bool cleanSession);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "MQTT client {Client} connected to {Host}:{Port} (session present: {SessionPresent})")]
    public static partial void Connected(this ILogger logger, string client, string host, int port, bool sessionPresent);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "MQTT client {Client} lost its connection: {Reason} (reason code {ReasonCode}); reconnecting")]
    public static partial void ConnectionLost(this ILogger logger, string client, string reason, int reasonCode);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "MQTT broker refused client {Client}: {Reason} (code {ReasonCode}), refusal {Count} of {Max}")]
    public static partial void ConnectRefused(this ILogger logger, string client, string reason, int reasonCode, int count, int max);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "MQTT client {Client} stopped retrying after {Count} refusals in a row: {Reason}")]
    public static partial void GaveUpAfterRefusals(this ILogger logger, string client, int count, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "MQTT broker {Host}:{Port} not reachable for client {Client}: {Error}; retrying")]
    public static partial void BrokerNotReachable(this ILogger logger, string client, string host, int port, string error);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Debug, Message = "MQTT client {Client} inbox has room again after {Waited}")]
    public static partial void InboxRecovered(this ILogger logger, string client, TimeSpan waited);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Debug, Message = "MQTT client {Client} inbox full ({Capacity} messages): receiving waits, the broker holds what follows")]
    public static partial void InboxFull(this ILogger logger, string client, int capacity);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Error, Message = "MQTTnet ({Client}, {Source}): {Text}")]
    public static partial void LibraryError(this ILogger logger, string client, string source, string text, Exception? exception);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "MQTTnet ({Client}, {Source}): {Text}")]
    public static partial void LibraryWarning(this ILogger logger, string client, string source, string text, Exception? exception);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Debug, Message = "MQTTnet ({Client}, {Source}): {Text}")]
    public static partial void LibraryDebug(this ILogger logger, string client, string source, string text);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Trace, Message = "MQTTnet ({Client}, {Source}): {Text}")]
    public static partial void LibraryTrace(this ILogger logger, string client, string source, string text);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "MQTT client {Client}: {Refusal}")]
    public static partial void PublishRefused(this ILogger logger, string client, string refusal);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Debug, Message = "MQTT client {Client} could not acknowledge a message on {Topic} ({Error}): the broker sends it again")]
    public static partial void AcknowledgementNotSent(this ILogger logger, string client, string topic, string error);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error, Message = "MQTT client {Client} could not subscribe to {TopicFilter}: {Error}")]
    public static partial void SubscribeFailed(this ILogger logger, string client, string topicFilter, string error);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Information, Message = "MQTT client {Client} stopped; {PendingAcks} queued publishes were not sent")]
    public static partial void ClientStopped(this ILogger logger, string client, int pendingAcks);
}
