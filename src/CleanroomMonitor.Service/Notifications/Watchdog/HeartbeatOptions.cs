using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Notifications.Watchdog;

/// <summary>The HTTP heartbeat to an external watchdog (section <c>Notifications:Heartbeat</c>): a dead service raises
/// nothing, so something outside it must notice the silence (docs/reliability.md, "Watched from outside").</summary>
public sealed class HeartbeatOptions
{
    public const string SectionName = "Notifications:Heartbeat";

    /// <summary>The watchdog's URL (an uptime checker's push or ping URL). Unset: no heartbeat is sent.</summary>
    /// <value>Default: none.</value>
    public Uri? Url { get; set; }

    /// <summary>How often the URL is called while the excursion engine is judging; the watchdog's grace period should be
    /// a few of these.</summary>
    /// <value>Default: 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>GET (no body) or POST (a small JSON body: site, time, version, active excursions).</summary>
    /// <value>Default: <see cref="HeartbeatMethod.Get"/>.</value>
    public HeartbeatMethod Method { get; set; } = HeartbeatMethod.Get;

    /// <summary>How long one call may take before it counts as failed; shorter than <see cref="Interval"/>.</summary>
    /// <value>Default: 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Request headers sent with every call (name → value), say an API key the watchdog asks for.</summary>
    /// <value>Default: none.</value>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Request headers whose values are read from files (name → path of a mounted secret), once at start and
    /// trimmed; a header named here replaces the same one in <see cref="Headers"/>. Keeps a key out of the configuration
    /// files and the process environment.</summary>
    /// <value>Default: none.</value>
    public IDictionary<string, string> HeaderFiles { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
