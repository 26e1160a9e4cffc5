namespace CleanroomMonitor.Dashboards.Publishing;

/// <summary>A Grafana folder as <c>/api/folders</c> lists it.</summary>
public sealed record GrafanaFolder(string Uid, string Title);
