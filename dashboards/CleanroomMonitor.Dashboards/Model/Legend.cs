namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A panel legend: <c>list</c> or <c>table</c>, with the calculations shown beside each series.</summary>
public sealed record Legend(string DisplayMode, string Placement, bool ShowLegend, IReadOnlyList<string> Calcs);
