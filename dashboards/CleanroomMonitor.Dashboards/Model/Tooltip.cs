namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A panel tooltip: <c>single</c>, <c>multi</c> or <c>none</c>.</summary>
public sealed record Tooltip(string Mode, string Sort);
