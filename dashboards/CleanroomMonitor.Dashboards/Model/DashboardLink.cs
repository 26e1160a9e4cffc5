namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A link in the dashboard's header (type <c>link</c>), keeping the time range and variables.</summary>
public sealed record DashboardLink(string Title, string Url)
{
    public string Type { get; init; } = "link";

    public string Icon { get; init; } = "dashboard";

    public bool KeepTime { get; init; } = true;

    public bool IncludeVars { get; init; }

    public bool TargetBlank { get; init; }
}
