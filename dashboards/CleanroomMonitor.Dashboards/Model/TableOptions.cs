namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Options of a <c>table</c> panel.</summary>
public sealed record TableOptions(bool ShowHeader, string CellHeight) : PanelOptions;
