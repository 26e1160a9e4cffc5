namespace CleanroomMonitor.Service;

internal static partial class Log
{
    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning, Message = "Sensor {Sensor} ({Parameter}) in {Room} {Action} by {By}: {Reason}; expected end {ExpectedEnd:o}")]
    public static partial void OutOfServiceChanged(this ILogger logger, string sensor, string parameter, string room, string action, string by, string reason,
        DateTimeOffset expectedEnd);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Information, Message = "Rule state of {Count} sensor parameters restored from the snapshot taken at {TakenAt:o}")]
    public static partial void RuleStateRestored(this ILogger logger, int count, DateTimeOffset takenAt);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Warning, Message = "Ingest behind: {Behind}; received readings waited {Lag} for the engine")]
    public static partial void IngestBehind(this ILogger logger, bool behind, TimeSpan lag);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Warning, Message = "The rule-state snapshot could not be saved ({Reason}); the next attempt is at the next tick")]
    public static partial void RuleStateSaveFailed(this ILogger logger, string reason, Exception exception);
}
