namespace CleanroomMonitor.Service;

/// <summary>The wall displays' part of the service's <see cref="Log"/> (EventIds 5150-5159).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5150, Level = LogLevel.Information, Message = "Display {Display} opened from {Address}")]
    public static partial void DisplayOpened(this ILogger logger, string display, string address);

    [LoggerMessage(EventId = 5151, Level = LogLevel.Information, Message = "Live stream of {User} ended: {Reason}")]
    public static partial void LiveStreamEnded(this ILogger logger, string user, string reason);
}
