using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>A generated dashboard and the file it is written to (<c>&lt;uid&gt;.json</c>).</summary>
public sealed record GeneratedDashboard(Dashboard Dashboard)
{
    public string FileName => Dashboard.Uid + ".json";

    public string Json => DashboardJson.Serialize(Dashboard);
}
