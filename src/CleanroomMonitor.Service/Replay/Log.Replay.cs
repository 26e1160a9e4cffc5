namespace CleanroomMonitor.Service;

/// <summary>The limit replay's log messages (EventIds 5580-5589), in the project's one <c>Log</c> class.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5580, Level = LogLevel.Information,
        Message = "Limit replay of room {Room} from {From} to {To} by {User}: {Readings} readings, {Differences} differing instants")]
    public static partial void ReplayRun(this ILogger logger, string room, DateTimeOffset from, DateTimeOffset to, long readings, int differences, string user);

    [LoggerMessage(EventId = 5581, Level = LogLevel.Warning, Message = "Limit replay of room {Room} by {User} refused: {Reason}")]
    public static partial void ReplayRefused(this ILogger logger, string room, string user, string reason);
}
