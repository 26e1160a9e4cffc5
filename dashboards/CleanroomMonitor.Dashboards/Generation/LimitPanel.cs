using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>A time series panel of one sensor group's parameter with its limit lines. Each line is a query of its own
/// (<c>max("value") * 0 + limit</c> over the same readings) named by its label, so the legend and tooltip say which
/// limit it is and for which room state; Grafana's threshold steps cannot carry labels.</summary>
public static class LimitPanel
{
    public static Panel Create(int id, GridPos position, FacilityDefinition facility, SensorGroup group)
    {
        var filter = string.Join(" AND ",
            InfluxQl.Matches("site", "site"),
            InfluxQl.Matches("room", "room"),
            InfluxQl.Matches("sensor", "sensor"),
            InfluxQl.OneOf("sensor", group.SensorIds),
            InfluxQl.Is("parameter", group.Parameter.WireName()),
            InfluxQl.TimeFilter);
        var aggregate = ParameterDisplay.Aggregate(group.Parameter);
        var targets = new List<Target>
        {
            new("A", GrafanaDataSource.Ref,
                $"SELECT {aggregate}(\"value\") FROM \"{InfluxQl.ReadingMeasurement}\" WHERE {filter} GROUP BY time({InfluxQl.Interval}), \"sensor\" fill(none)")
            {
                Alias = "$tag_sensor",
            },
        };
        var overrides = new List<FieldOverride>();
        foreach (var (line, index) in group.Lines.Select((l, i) => (l, i)))
        {
            targets.Add(new Target($"L{index + 1}", GrafanaDataSource.Ref,
                $"SELECT max(\"value\") * 0 + {InfluxQl.Number(line.Value)} AS \"limit\" FROM \"{InfluxQl.ReadingMeasurement}\" WHERE {filter} GROUP BY time({InfluxQl.Interval}) fill(previous)")
            {
                Alias = line.Label,
            });
            overrides.Add(new FieldOverride(FieldMatcher.ByName(line.Label),
            [
                new FieldProperty("color", new FieldColor("fixed", line.Color)),
                new FieldProperty("custom.lineStyle", new LineStyle("dash", line.State == Core.Limits.RoomState.AtRest ? [4, 4] : [10, 10])),
                new FieldProperty("custom.lineWidth", 2),
                new FieldProperty("custom.fillOpacity", 0),
                new FieldProperty("custom.showPoints", "never"),
            ]));
        }
        return new Panel(id, "timeseries", $"{ParameterDisplay.Title(group.Parameter)} · {group.Place(facility)}", position)
        {
            Description = $"Sensors {string.Join(", ", group.SensorIds)}; {group.LimitSources}. " +
                          (group.Parameter.Info().IsParticleCount ? "Each point is the highest sample of its interval." : "Each point is the mean of its interval."),
            Datasource = GrafanaDataSource.Ref,
            Targets = targets,
            FieldConfig = new FieldConfig(
                new FieldDefaults
                {
                    Unit = ParameterDisplay.Unit(group.Parameter),
                    Color = new FieldColor("palette-classic"),
                    Custom = new FieldCustom
                    {
                        DrawStyle = "line",
                        LineWidth = 1,
                        FillOpacity = 0,
                        ShowPoints = "auto",
                        // A gap longer than three of the slowest sensor's intervals stays a gap: missing data is a GMP event.
                        SpanNulls = (long)(group.Sensors.Max(s => s.Interval) * 3).TotalMilliseconds,
                        ThresholdsStyle = new ThresholdsStyle("off"),
                    },
                },
                overrides),
            Options = new TimeSeriesOptions(new Legend("table", "bottom", true, ["lastNotNull", "max"]), new Tooltip("multi", "none")),
        };
    }
}
