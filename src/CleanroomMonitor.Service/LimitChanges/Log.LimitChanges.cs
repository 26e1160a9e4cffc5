using CleanroomMonitor.Core.LimitChanges;

namespace CleanroomMonitor.Service;

internal static partial class Log
{
    [LoggerMessage(EventId = 4711, Level = LogLevel.Information, Message = "Limit change {Change} proposed for {Target} ({Parameter}) by {User}, to take effect at {EffectiveAt:o}")]
    public static partial void LimitChangeProposed(this ILogger logger, Guid change, string target, string parameter, string user, DateTimeOffset effectiveAt);

    [LoggerMessage(EventId = 4712, Level = LogLevel.Information, Message = "Limit change {Change} {Meaning} by {User} ({Role}); effective at {EffectiveAt:o}")]
    public static partial void LimitChangeDecided(this ILogger logger, Guid change, string meaning, string user, string role, DateTimeOffset? effectiveAt);

    [LoggerMessage(EventId = 4713, Level = LogLevel.Warning, Message = "Limit change {Request} on {Subject} by {User} refused ({Failure}): {Reason}")]
    public static partial void LimitChangeRefused(this ILogger logger, string request, string subject, string user, LimitChangeFailure failure, string reason);
}
