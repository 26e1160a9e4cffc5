namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A panel's place on the dashboard grid: 24 columns wide, heights in grid rows (30 px each).</summary>
public sealed record GridPos(int H, int W, int X, int Y);
