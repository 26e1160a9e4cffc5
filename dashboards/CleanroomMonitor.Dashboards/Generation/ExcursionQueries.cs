using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>Queries over the <c>excursion</c> measurement: one point per transition of an excursion (raised,
/// escalated, returned, acknowledged…), tagged with site, room, sensor, kind, level and action.</summary>
public static class ExcursionQueries
{
    private static readonly string Scope = $"{InfluxQl.Matches("site", "site")} AND {InfluxQl.Matches("room", "room")}";

    /// <summary>Annotations: excursions raised (red) and returned to normal (green) in the time range.</summary>
    public static IReadOnlyList<Annotation> Annotations(string tagsColumns) =>
    [
        Annotation.BuiltInAlerts,
        ForAction("Excursions raised", "raised", "red", tagsColumns),
        ForAction("Excursions returned to normal", "returned", "green", tagsColumns),
    ];

    /// <summary>Every transition in the time range, newest first, as a table.</summary>
    public static Target Transitions(string refId) => new(refId, GrafanaDataSource.Ref,
        $"SELECT \"action\", \"level\", \"kind\", \"sensor\", \"status\", \"rule\", \"batches\", \"id\" FROM \"{InfluxQl.ExcursionMeasurement}\" " +
        $"WHERE {Scope} AND {InfluxQl.TimeFilter} ORDER BY time DESC")
    {
        ResultFormat = "table",
    };

    /// <summary>Excursions whose latest transition (over the look-back) leaves them active, one row per room, sensor
    /// and kind. Not grouped by level: an escalation moves an excursion from the Alert to the Action series.</summary>
    public static Target Open(string refId) => new(refId, GrafanaDataSource.Ref,
        "SELECT \"status\", \"rule\", \"id\" FROM (" +
        $"SELECT last(\"active\") AS \"active\", last(\"status\") AS \"status\", last(\"rule\") AS \"rule\", last(\"id\") AS \"id\" FROM \"{InfluxQl.ExcursionMeasurement}\" " +
        $"WHERE {Scope} AND time > now() - {InfluxQl.OpenExcursionLookBack} GROUP BY \"room\", \"sensor\", \"kind\"" +
        ") WHERE \"active\" = true GROUP BY \"room\", \"sensor\", \"kind\"")
    {
        ResultFormat = "table",
    };

    /// <summary>Per room, whether its latest excursion transition in each interval left an excursion active.</summary>
    public static Target ActivityByRoom(string refId) => new(refId, GrafanaDataSource.Ref,
        $"SELECT last(\"active\") FROM \"{InfluxQl.ExcursionMeasurement}\" WHERE {Scope} AND {InfluxQl.TimeFilter} " +
        $"GROUP BY time({InfluxQl.Interval}), \"room\" fill(previous)")
    {
        Alias = "$tag_room",
    };

    private static Annotation ForAction(string name, string action, string color, string tagsColumns) =>
        new(name, GrafanaDataSource.Ref, true, color)
        {
            Query = $"SELECT \"rule\", {string.Join(", ", tagsColumns.Split(',').Select(c => $"\"{c}\""))} FROM \"{InfluxQl.ExcursionMeasurement}\" " +
                    $"WHERE {Scope} AND {InfluxQl.Is("action", action)} AND {InfluxQl.TimeFilter}",
            TextColumn = "rule",
            TagsColumn = tagsColumns,
        };
}
