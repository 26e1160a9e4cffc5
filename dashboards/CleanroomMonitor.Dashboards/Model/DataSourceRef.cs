namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A reference to a Grafana data source by plugin type and uid, as panels, targets, annotations and
/// variables carry it (<c>{"type": "influxdb", "uid": "…"}</c>).</summary>
public sealed record DataSourceRef(string Type, string Uid)
{
    /// <summary>Grafana's built-in source of dashboard annotations and alerts.</summary>
    public static DataSourceRef Grafana { get; } = new("grafana", "-- Grafana --");
}
