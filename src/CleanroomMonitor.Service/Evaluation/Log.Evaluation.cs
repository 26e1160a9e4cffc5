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

    [LoggerMessage(EventId = 4701, Level = LogLevel.Information, Message = "Limit change {Change} ({Target}, {Parameter}) scheduled to take effect at {EffectiveAt:o}")]
    public static partial void LimitChangeScheduled(this ILogger logger, Guid change, string target, string parameter, DateTimeOffset effectiveAt);

    [LoggerMessage(EventId = 4702, Level = LogLevel.Information, Message = "Limits switched at {At:o} without a restart: {Changed} limit set version(s) recorded")]
    public static partial void LimitsSwitched(this ILogger logger, int changed, DateTimeOffset at);

    [LoggerMessage(EventId = 4703, Level = LogLevel.Warning, Message = "The facility file changed from version {Previous} to {Version} ({Changed} limit sets) without an author (Facility:ChangedBy): raised as a System excursion")]
    public static partial void FacilityFileChangedWithoutAuthor(this ILogger logger, string previous, string version, int changed);
}
