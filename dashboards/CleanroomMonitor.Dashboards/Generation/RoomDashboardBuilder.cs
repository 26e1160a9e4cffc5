using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Dashboards.Model;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>One room's dashboard: particles, differential pressure, climate and equipment, each panel with its
/// limit lines from <see cref="LimitBook"/>, then the room's excursion transitions; excursion annotations on every
/// time series.</summary>
public sealed class RoomDashboardBuilder(FacilityDefinition facility, LimitBook limits)
{
    private static readonly (string Title, Parameter[] Parameters, bool Equipment)[] Sections =
    [
        ("Particles", [Parameter.ParticlesHalfMicron, Parameter.ParticlesFiveMicron], false),
        ("Differential pressure", [Parameter.DifferentialPressure], false),
        ("Temperature and humidity", [Parameter.Temperature, Parameter.RelativeHumidity, Parameter.AbsolutePressure, Parameter.Co2, Parameter.O2], false),
        ("Equipment", [Parameter.Temperature, Parameter.Co2, Parameter.O2, Parameter.RelativeHumidity, Parameter.AbsolutePressure], true),
    ];

    public Dashboard Build(Room room)
    {
        var grid = new PanelGrid();
        foreach (var (title, parameters, equipment) in Sections)
        {
            var groups = parameters.SelectMany(p => SensorGroup.Of(facility, limits, room, p, equipment)).ToList();
            if (equipment)
            {
                // Equipment panels read best per instrument: the incubator's CO2 beside its temperature.
                groups = groups.OrderBy(g => facility.Sensors.ToList().IndexOf(g.Sensors[0])).ToList();
            }
            if (groups.Count == 0)
            {
                continue;
            }
            grid.Row(title);
            foreach (var group in groups)
            {
                grid.Add(12, 9, (id, position) => LimitPanel.Create(id, position, facility, group));
            }
        }
        grid.Row("Excursions");
        grid.Add(24, 9, (id, position) => new Panel(id, "table", "Excursion transitions", position)
        {
            Description = "Every transition of the room's excursions in the time range (from the service's excursion events), newest first. The service's record store is the GMP record.",
            Datasource = GrafanaDataSource.Ref,
            Targets = [ExcursionQueries.Transitions("A")],
            FieldConfig = new FieldConfig(new FieldDefaults(), []),
            Options = new TableOptions(true, "sm"),
        });
        var grade = room.Grade is { } g ? $"grade {g}" : "unclassified";
        return new Dashboard(DashboardUid.Room(facility.Site.Id, room.Id.Value), $"{room.Id} · {room.Name} ({grade})")
        {
            Description = $"{facility.Site.Name}: room {room.Id}, {grade}. Generated from facility version {facility.Version}; limit lines from the service's limits at rest and in operation.",
            Annotations = new AnnotationList(ExcursionQueries.Annotations("sensor,kind,level")),
            Links = [new DashboardLink("Overview", $"/d/{DashboardUid.Overview(facility.Site.Id)}")],
            Panels = grid.Panels,
            Tags = ["cleanroom", facility.Site.Id, "room", room.Grade is { } tag ? $"grade-{tag}" : "unclassified"],
            Templating = new Templating([Variables.Site(facility.Site.Id), Variables.FixedRoom(room.Id.Value), Variables.Sensors()]),
            Timezone = facility.Site.TimeZone.Id,
        };
    }
}
