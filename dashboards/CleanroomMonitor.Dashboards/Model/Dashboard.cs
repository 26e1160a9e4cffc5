namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A Grafana dashboard in the classic JSON model (uid and title first, then the rest alphabetically). There is no
/// <c>id</c> and no <c>version</c>: Grafana assigns both, and the <see cref="Uid"/> is what makes a re-publish or a
/// re-provision update the same dashboard instead of adding a copy.</summary>
public sealed record Dashboard(string Uid, string Title)
{
    /// <summary>The dashboard JSON schema version this model follows: what Grafana 11.3 to 11.6 write. Older
    /// Grafana 11 releases load it as current; Grafana 12 migrates it forward on load (v41 and v42 change
    /// nothing these dashboards use).</summary>
    public const int CurrentSchemaVersion = 40;

    public AnnotationList Annotations { get; init; } = new([Annotation.BuiltInAlerts]);

    public string? Description { get; init; }

    public bool Editable { get; init; } = true;

    public int FiscalYearStartMonth { get; init; }

    /// <summary>1: a shared crosshair across panels.</summary>
    public int GraphTooltip { get; init; } = 1;

    public IReadOnlyList<DashboardLink> Links { get; init; } = [];

    public IReadOnlyList<Panel> Panels { get; init; } = [];

    public string Refresh { get; init; } = "1m";

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public IReadOnlyList<string> Tags { get; init; } = [];

    public Templating Templating { get; init; } = new([]);

    public TimeRange Time { get; init; } = new("now-6h", "now");

    public TimePicker Timepicker { get; init; } = new(["30s", "1m", "5m", "15m", "1h"]);

    /// <summary>The site's IANA zone, so every viewer sees the site's local time (times are stored in UTC).</summary>
    public string Timezone { get; init; } = "browser";

    /// <summary>Every query the dashboard runs: panel targets, annotation queries and variable queries.</summary>
    public IEnumerable<(string Where, string Query)> AllQueries() =>
        Panels.SelectMany(p => p.Queries.Select(t => ($"panel '{p.Title}' {t.RefId}", t.Query)))
            .Concat(Annotations.List.Where(a => a.Query is not null).Select(a => ($"annotation '{a.Name}'", a.Query!)))
            .Concat(Templating.List.Where(v => v.Type == "query").Select(v => ($"variable '{v.Name}'", v.Query)));
}
