namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A dashboard template variable: <c>query</c> (values from an InfluxQL <c>SHOW TAG VALUES</c>) or
/// <c>constant</c> (a fixed, hidden value). Used in queries as <c>/^$name$/</c>, which Grafana expands to a regex
/// alternation for several values.</summary>
public sealed record TemplateVariable(string Name, string Label, string Type, string Query, VariableOption Current)
{
    public DataSourceRef? Datasource { get; init; }

    public string? Definition { get; init; }

    /// <summary>1: refresh the values when the dashboard loads.</summary>
    public int? Refresh { get; init; }

    public bool? Multi { get; init; }

    public bool? IncludeAll { get; init; }

    public string? AllValue { get; init; }

    /// <summary>0 shown, 2 hidden.</summary>
    public int Hide { get; init; }

    /// <summary>1: alphabetical ascending.</summary>
    public int? Sort { get; init; }

    public IReadOnlyList<VariableOption> Options { get; init; } = [];
}
