namespace CleanroomMonitor.Dashboards.Model;

/// <summary>An annotation query of a dashboard. For InfluxQL, <see cref="Query"/> selects the events and
/// <see cref="TextColumn"/>/<see cref="TagsColumn"/> name the columns that become the annotation's text and tags
/// (the form Grafana's InfluxDB data source reads for InfluxQL annotations).</summary>
public sealed record Annotation(string Name, DataSourceRef Datasource, bool Enable, string IconColor)
{
    public int? BuiltIn { get; init; }

    public bool? Hide { get; init; }

    public string? Type { get; init; }

    public string? Query { get; init; }

    public string? TextColumn { get; init; }

    public string? TagsColumn { get; init; }

    /// <summary>Grafana's built-in "Annotations &amp; Alerts" entry, which every saved dashboard has.</summary>
    public static Annotation BuiltInAlerts { get; } = new("Annotations & Alerts", DataSourceRef.Grafana, true, "rgba(0, 211, 255, 1)")
    {
        BuiltIn = 1,
        Hide = true,
        Type = "dashboard",
    };
}
