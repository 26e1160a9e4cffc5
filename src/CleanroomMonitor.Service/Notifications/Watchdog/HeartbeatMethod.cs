namespace CleanroomMonitor.Service.Notifications.Watchdog;

/// <summary>How the heartbeat calls the watchdog's URL.</summary>
public enum HeartbeatMethod
{
    /// <summary>A plain GET, no body: what ping URLs of uptime checkers expect.</summary>
    Get,

    /// <summary>A POST with a small JSON body (<see cref="HeartbeatMessage"/>).</summary>
    Post,
}
