using System.Text.Json.Nodes;

namespace CleanroomMonitor.Dashboards.Publishing;

/// <summary>A dashboard as Grafana holds it (<c>GET /api/dashboards/uid/{uid}</c>): its JSON and its folder.</summary>
public sealed record StoredDashboard(JsonObject Dashboard, string? FolderUid);
