using System.Text.Json;

namespace CleanroomMonitor.Service.Notifications.Watchdog;

/// <summary>The JSON body of a POST heartbeat: which site, when, which build, and how many excursions are active now
/// (from the engine's last published view, so it costs nothing to know).</summary>
public sealed record HeartbeatMessage(string Site, DateTimeOffset At, string Version, int ActiveExcursions)
{
    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Alerting.ExcursionMessage.Json);
}
