namespace CleanroomMonitor.Service;

/// <summary>The administration part of the service's <see cref="Log"/> (EventIds 5100-5199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Administration: {Subject} {Action} by {Admin}")]
    public static partial void UserAdministered(this ILogger logger, string subject, string action, string admin);
}
