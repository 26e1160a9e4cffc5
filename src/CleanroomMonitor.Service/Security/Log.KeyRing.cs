namespace CleanroomMonitor.Service;

/// <summary>The key ring part of the service's <see cref="Log"/> (EventIds 5160-5169, in the security range).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5160, Level = LogLevel.Information, Message = "Sign-in cookies and antiforgery tokens are protected by the Data Protection key ring in {Store}")]
    public static partial void KeyRingStore(this ILogger logger, string store);
}
