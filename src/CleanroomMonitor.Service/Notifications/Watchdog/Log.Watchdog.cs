using CleanroomMonitor.Service.Notifications.Watchdog;

namespace CleanroomMonitor.Service;

/// <summary>The watchdog part of the service's <see cref="Log"/> (EventIds 6700-6799).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6701, Level = LogLevel.Information, Message = "Heartbeat to watchdog {Watchdog} every {Interval} ({Method}): the excursion engine is judging")]
    public static partial void HeartbeatBeating(this ILogger logger, string watchdog, TimeSpan interval, HeartbeatMethod method);

    [LoggerMessage(EventId = 6702, Level = LogLevel.Warning, Message = "Heartbeat to watchdog {Watchdog} paused: the excursion engine is not judging; the watchdog will raise its alarm")]
    public static partial void HeartbeatPaused(this ILogger logger, string watchdog);

    [LoggerMessage(EventId = 6703, Level = LogLevel.Warning, Message = "Heartbeat to watchdog {Watchdog} failed: {Reason}; beats go on, failures are counted in cleanroom_heartbeat_failed_total")]
    public static partial void HeartbeatFailed(this ILogger logger, string watchdog, string reason);

    [LoggerMessage(EventId = 6704, Level = LogLevel.Information, Message = "Heartbeat to watchdog {Watchdog} answered again")]
    public static partial void HeartbeatRecovered(this ILogger logger, string watchdog);

    [LoggerMessage(EventId = 6705, Level = LogLevel.Information, Message = "Service status {State} on {Topic} (retained; the will says offline)")]
    public static partial void ServiceStatusPublished(this ILogger logger, string state, string topic);

    [LoggerMessage(EventId = 6706, Level = LogLevel.Warning, Message = "Service status stopped not acknowledged on {Topic} ({Reason}): the will says offline instead")]
    public static partial void ServiceStatusStopNotSent(this ILogger logger, string topic, string reason);
}
