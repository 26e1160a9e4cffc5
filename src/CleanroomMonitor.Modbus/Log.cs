using CleanroomMonitor.Core.Readings;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Modbus;

/// <summary>Source-generated log messages of the Modbus adapter, EventIds 1000–1999. Logged on transitions (connection
/// up/down, device lost/restored, faults appear/clear), not per poll: counts go to the meter.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Modbus polling {Devices} devices on {Connections} connections from {File}")]
    public static partial void PollingStarted(this ILogger logger, int devices, int connections, string file);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Modbus connection {Connection} connected")]
    public static partial void Connected(this ILogger logger, string connection);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Modbus connection {Connection} failed: {Error}; next attempt in {Delay}")]
    public static partial void ConnectFailed(this ILogger logger, string connection, string error, TimeSpan delay);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Modbus device {Device} poll failed ({Kind}): {Error}; further failures in a row are logged at Debug")]
    public static partial void PollFailed(this ILogger logger, string device, ModbusErrorKind kind, string error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Modbus device {Device} poll failed again ({Kind}): {Error}")]
    public static partial void PollFailedAgain(this ILogger logger, string device, ModbusErrorKind kind, string error);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "Modbus device {Device} communication lost after {Missed} failed polls: {Error}")]
    public static partial void CommunicationLost(this ILogger logger, string device, int missed, string error);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Modbus device {Device} communication restored after {Failed} failed polls")]
    public static partial void CommunicationRestored(this ILogger logger, string device, int failed);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Modbus device {Device} missed {Count} polls: the poller was {Lateness} late")]
    public static partial void PollsMissed(this ILogger logger, string device, int count, TimeSpan lateness);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Modbus device {Device}: sent command {Command} because {Reason}")]
    public static partial void CommandSent(this ILogger logger, string device, string command, string reason);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Modbus device {Device}: reading back {Count} records ({Remaining} more after these)")]
    public static partial void Backfilling(this ILogger logger, string device, long count, long remaining);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Modbus device {Device}: about {Count} records completed between {Since} and {Until} are no longer in its buffer; recorded as a data gap")]
    public static partial void RecordsLost(this ILogger logger, string device, DateTimeOffset? since, DateTimeOffset? until, long count);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Modbus device {Device}: record count went from {Previous} to {Current} (buffer cleared); reading down to the last stored record by time")]
    public static partial void RecordBufferCleared(this ILogger logger, string device, long previous, long current);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Modbus device {Device} reports faults {Faults}")]
    public static partial void FaultsReported(this ILogger logger, string device, SampleFaults faults);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Information, Message = "Modbus device {Device} reports no faults any more")]
    public static partial void FaultsCleared(this ILogger logger, string device);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Modbus device {Device} leaves channels out: {Detail}")]
    public static partial void ChannelsOmitted(this ILogger logger, string device, string detail);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Error, Message = "Source event channel full: {Kind} for {Device} is kept and sent again before the next poll")]
    public static partial void SourceEventPending(this ILogger logger, Core.Ingest.SourceEventKind kind, string device);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Information, Message = "Modbus device {Device}: read back {Count} records, oldest first")]
    public static partial void RecordsReadBack(this ILogger logger, string device, int count);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Warning, Message = "Modbus device {Device}: its status still says it is not running {Since} after the init commands; they are sent again")]
    public static partial void StillNotRunning(this ILogger logger, string device, TimeSpan since);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Error, Message = "The Modbus record cursor file cannot be written ({Error}); after a restart the counters' records since the last write are read again")]
    public static partial void CursorFileFailed(this ILogger logger, string error);

    [LoggerMessage(EventId = 1019, Level = LogLevel.Information, Message = "Modbus record cursors: {Count} devices resume from their last stored record ({File})")]
    public static partial void CursorsLoaded(this ILogger logger, int count, string file);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Modbus device {Device}: its newest record ({Newest}) is older than the last one stored ({Stored}): the device clock went back or another device answers; reading on from its newest record")]
    public static partial void RecordClockWentBack(this ILogger logger, string device, DateTimeOffset? stored, DateTimeOffset? newest);
}
