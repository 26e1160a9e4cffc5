namespace CleanroomMonitor.Service;

/// <summary>Alert-level proposals' log messages (EventIds 5870-5879), in the project's one <c>Log</c> class.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5871, Level = LogLevel.Information, Message = "Alert level proposed for {Room} {Parameter} {State} by {User}: {Summary}")]
    public static partial void AlertLevelProposed(this ILogger logger, string room, string parameter, string state, string user, string summary);

    [LoggerMessage(EventId = 5872, Level = LogLevel.Warning, Message = "Alert-level proposal for {Room} by {User} refused ({Status}): {Reason}")]
    public static partial void AlertProposalRefused(this ILogger logger, string room, string user, int status, string reason);
}
