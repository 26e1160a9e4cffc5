using System.Text.Json.Serialization;

namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A dashboard panel: a visualisation (<c>timeseries</c>, <c>stat</c>, <c>table</c>, <c>state-timeline</c>)
/// with its queries, or a <c>row</c> that heads the panels below it. Panels are listed flat, rows included, in grid
/// order, which is how Grafana stores an expanded row.</summary>
public sealed record Panel(int Id, string Type, string Title, GridPos GridPos)
{
    public string? Description { get; init; }

    public DataSourceRef? Datasource { get; init; }

    public IReadOnlyList<Target>? Targets { get; init; }

    public FieldConfig? FieldConfig { get; init; }

    public PanelOptions? Options { get; init; }

    public IReadOnlyList<PanelLink>? Links { get; init; }

    /// <summary>Rows only: false (expanded; its panels follow it in the list).</summary>
    public bool? Collapsed { get; init; }

    /// <summary>Rows only: the panels of a collapsed row; empty for an expanded one.</summary>
    public IReadOnlyList<Panel>? Panels { get; init; }

    /// <summary>Every query of the panel, in order (none for a row).</summary>
    [JsonIgnore]
    public IEnumerable<Target> Queries => Targets ?? [];
}
