namespace CleanroomMonitor.Dashboards.Model;

/// <summary>Builds a Grafana row panel: a full-width header one grid unit high.</summary>
public static class Row
{
    public static Panel Create(int id, string title, int y) =>
        new(id, "row", title, new GridPos(1, 24, 0, y)) { Collapsed = false, Panels = [] };
}
