namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A time series' line: <c>solid</c>, or <c>dash</c> with the dash and gap lengths in pixels.</summary>
public sealed record LineStyle(string Fill, IReadOnlyList<int>? Dash = null);
