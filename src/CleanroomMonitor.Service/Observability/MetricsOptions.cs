using System.ComponentModel.DataAnnotations;

namespace CleanroomMonitor.Service.Observability;

/// <summary>The Prometheus endpoint <c>GET /metrics</c> (section <c>Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Whether /metrics is served. It needs no sign-in (Prometheus scrapes anonymously), so keep it off
    /// networks that should not see room names and figures: see <see cref="Port"/>.</summary>
    /// <value>Default: true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>When set, /metrics answers only on connections to this local port (404 elsewhere): add a loopback
    /// listener to <c>Urls</c> (<c>http://0.0.0.0:5080;http://127.0.0.1:9464</c>) and set 9464 here, so the pages are
    /// public and the metrics stay on the host. The local port of the connection is checked, not the Host header,
    /// which a client chooses.</summary>
    /// <value>Default: none (served on every listener).</value>
    [Range(1, 65535)]
    public int? Port { get; set; }
}
