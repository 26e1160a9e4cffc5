using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>The site overview: the latest value of every sensor parameter per room, coloured against its limits
/// where they do not depend on the room state, the excursions still open, and excursion activity per room.</summary>
/// <remarks>Particle values are not coloured here: their limits depend on whether the room is at rest or in operation,
/// which the service knows (<c>/api/rooms</c>) but InfluxDB does not. The room dashboards draw both.</remarks>
public sealed class OverviewDashboardBuilder(FacilityDefinition facility, LimitBook limits)
{
    private static readonly IReadOnlyDictionary<string, MappedValue> ActiveMapping = new Dictionary<string, MappedValue>
    {
        ["false"] = new("normal", "green", 0),
        ["true"] = new("excursion active", "red", 1),
    };

    public Dashboard Build(IEnumerable<Room> rooms)
    {
        var site = facility.Site;
        var grid = new PanelGrid();
        grid.Row("Rooms");
        foreach (var room in rooms)
        {
            grid.Add(8, 7, (id, position) => RoomStat(id, position, room));
        }
        grid.Row("Excursions");
        grid.Add(24, 8, (id, position) => new Panel(id, "table", "Open excursions", position)
        {
            Description = $"Excursions whose latest transition in the last {InfluxQl.OpenExcursionLookBack} leaves them active, by room, sensor and kind. The service's /api/excursions is the complete record.",
            Datasource = GrafanaDataSource.Ref,
            Targets = [ExcursionQueries.Open("A")],
            FieldConfig = new FieldConfig(new FieldDefaults(), []),
            Options = new TableOptions(true, "sm"),
        });
        grid.Add(24, 8, (id, position) => new Panel(id, "state-timeline", "Excursion activity by room", position)
        {
            Description = "Per room and interval: whether the latest excursion transition left an excursion active.",
            Datasource = GrafanaDataSource.Ref,
            Targets = [ExcursionQueries.ActivityByRoom("A")],
            FieldConfig = new FieldConfig(
                new FieldDefaults
                {
                    Color = new FieldColor("thresholds"),
                    Custom = new FieldCustom { FillOpacity = 80, LineWidth = 0 },
                    Mappings = [ValueMapping.Values(ActiveMapping)],
                },
                []),
            Options = new StateTimelineOptions(new Legend("list", "bottom", true, []), new Tooltip("single", "none")),
        });
        return new Dashboard(DashboardUid.Overview(site.Id), $"{site.Name} · overview")
        {
            Description = $"All rooms of {site.Name} ({site.Id}). Generated from facility version {facility.Version}.",
            Annotations = new AnnotationList(ExcursionQueries.Annotations("room,sensor,kind,level")),
            Panels = grid.Panels,
            Tags = ["cleanroom", site.Id, "overview"],
            Templating = new Templating([Variables.Site(site.Id), Variables.Rooms()]),
            Timezone = site.TimeZone.Id,
        };
    }

    private Panel RoomStat(int id, GridPos position, Room room)
    {
        var overrides = new List<FieldOverride>();
        foreach (var sensor in facility.SensorsIn(room.Id))
        {
            foreach (var parameter in sensor.Parameters)
            {
                var name = $"{sensor.Id} {parameter.WireName()}";
                var properties = new List<FieldProperty> { new("unit", ParameterDisplay.Unit(parameter)) };
                var atRest = limits.Resolve(sensor, parameter, RoomState.AtRest);
                var inOperation = limits.Resolve(sensor, parameter, RoomState.InOperation);
                if (atRest is not null && atRest.Describe() == inOperation?.Describe())
                {
                    properties.Add(new FieldProperty("color", new FieldColor("thresholds")));
                    properties.Add(new FieldProperty("thresholds", ThresholdLadder.For(atRest)));
                }
                overrides.Add(new FieldOverride(FieldMatcher.ByName(name), properties));
            }
        }
        var grade = room.Grade is { } g ? $"grade {g}" : "unclassified";
        return new Panel(id, "stat", $"{room.Id} · {room.Name} ({grade})", position)
        {
            Description = "The latest value of each sensor parameter in the time range. Coloured against alert (orange) and action (red) limits where they are the same at rest and in operation; particle limits depend on the room state: see the room's dashboard.",
            Datasource = GrafanaDataSource.Ref,
            Targets =
            [
                new("A", GrafanaDataSource.Ref,
                    $"SELECT last(\"value\") FROM \"{InfluxQl.ReadingMeasurement}\" WHERE {InfluxQl.Matches("site", "site")} AND {InfluxQl.Matches("room", "room")} " +
                    $"AND {InfluxQl.Is("room", room.Id.Value)} AND {InfluxQl.TimeFilter} GROUP BY \"sensor\", \"parameter\"")
                {
                    Alias = "$tag_sensor $tag_parameter",
                },
            ],
            FieldConfig = new FieldConfig(new FieldDefaults { Color = new FieldColor("fixed", "blue"), Decimals = 1 }, overrides),
            Options = new StatOptions(new ReduceOptions(["lastNotNull"], "", false)) { TextMode = "value_and_name", ColorMode = "background" },
            Links = [new PanelLink($"{room.Id} dashboard", $"/d/{DashboardUid.Room(facility.Site.Id, room.Id.Value)}")],
        };
    }
}
