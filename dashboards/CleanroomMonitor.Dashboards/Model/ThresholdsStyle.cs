namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Whether a time series panel draws its thresholds: <c>off</c>, <c>line</c>, <c>dashed</c>, <c>area</c>…</summary>
public sealed record ThresholdsStyle(string Mode);
