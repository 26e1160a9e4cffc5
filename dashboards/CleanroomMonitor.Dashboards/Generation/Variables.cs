using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>The template variables: <c>site</c> and <c>sensor</c> from the <c>reading</c> measurement's tag values,
/// <c>room</c> a choice on the overview and a fixed, hidden value on a room's dashboard (its limit lines are that
/// room's, so switching rooms there would show the wrong limits).</summary>
public static class Variables
{
    public static TemplateVariable Site(string siteId) =>
        Query("site", "Site", $"SHOW TAG VALUES FROM \"{InfluxQl.ReadingMeasurement}\" WITH KEY = \"site\"", new VariableOption(siteId, siteId, true), multi: false);

    public static TemplateVariable Rooms() =>
        Query("room", "Room", $"SHOW TAG VALUES FROM \"{InfluxQl.ReadingMeasurement}\" WITH KEY = \"room\" WHERE {InfluxQl.Matches("site", "site")}", VariableOption.All, multi: true);

    public static TemplateVariable FixedRoom(string roomId) =>
        new("room", "Room", "constant", roomId, new VariableOption(roomId, roomId, true))
        {
            Hide = 2,
            Options = [new VariableOption(roomId, roomId, true)],
        };

    public static TemplateVariable Sensors() =>
        Query("sensor", "Sensor",
            $"SHOW TAG VALUES FROM \"{InfluxQl.ReadingMeasurement}\" WITH KEY = \"sensor\" WHERE {InfluxQl.Matches("site", "site")} AND {InfluxQl.Matches("room", "room")}",
            VariableOption.All, multi: true);

    private static TemplateVariable Query(string name, string label, string query, VariableOption current, bool multi) =>
        new(name, label, "query", query, current)
        {
            Datasource = GrafanaDataSource.Ref,
            Definition = query,
            Refresh = 1,
            Multi = multi,
            IncludeAll = multi,
            AllValue = multi ? ".*" : null,
            Sort = 1,
        };
}
