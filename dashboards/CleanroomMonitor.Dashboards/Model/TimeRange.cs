namespace CleanroomMonitor.Dashboards.Model;

/// <summary>The dashboard's default time range, relative (<c>now-6h</c> to <c>now</c>).</summary>
public sealed record TimeRange(string From, string To);
