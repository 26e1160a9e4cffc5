namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Options of a <c>timeseries</c> panel.</summary>
public sealed record TimeSeriesOptions(Legend Legend, Tooltip Tooltip) : PanelOptions;
