namespace CleanroomMonitor.Dashboards.Model;

/// <summary>A link shown in a panel's header or on a field's value (to the room's dashboard).</summary>
public sealed record PanelLink(string Title, string Url);
