namespace CleanroomMonitor.Dashboards.Model;

/// <summary>One InfluxQL query of a panel, written as raw text (<c>rawQuery</c>) so what the dashboard runs is exactly
/// what the tests run. <see cref="Alias"/> names the series (<c>$tag_sensor</c>, or a fixed label).</summary>
public sealed record Target(string RefId, DataSourceRef Datasource, string Query)
{
    public string? Alias { get; init; }

    public bool RawQuery { get; init; } = true;

    /// <summary><c>time_series</c> or <c>table</c>.</summary>
    public string ResultFormat { get; init; } = "time_series";
}
