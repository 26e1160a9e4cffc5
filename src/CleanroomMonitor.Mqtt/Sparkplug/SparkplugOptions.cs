using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>The service as a Sparkplug B primary host application. The broker connection itself (host, port,
/// credentials, TLS) is the <c>Mqtt</c> section's; the Sparkplug source only changes the client id and uses a clean
/// session, as Sparkplug requires of every client (docs/instruments.md §3).</summary>
public sealed class SparkplugOptions
{
    public const string SectionName = "Sparkplug";

    /// <summary>The primary host id: the service publishes its STATE on <c>spBv1.0/STATE/&lt;HostId&gt;</c>, which edge
    /// nodes configured with this host watch to know when to buffer.</summary>
    /// <value>Default: <c>cleanroom-monitor-&lt;site id&gt;</c>.</value>
    [RegularExpression("^[^/+#]{1,200}$", ErrorMessage = "HostId must be a Sparkplug id: 1-200 characters without '/', '+' or '#'.")]
    public string? HostId { get; set; }

    /// <summary>The MQTT client id of the Sparkplug connection; it must differ from the <c>Mqtt</c> section's.</summary>
    /// <value>Default: <c>&lt;HostId&gt;-sparkplug</c>.</value>
    [StringLength(65535, MinimumLength = 1)]
    public string? ClientId { get; set; }

    /// <summary>How long the host waits before asking the same edge node for a rebirth again.</summary>
    /// <value>Default: 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RebirthInterval { get; set; } = TimeSpan.FromSeconds(10);
}
