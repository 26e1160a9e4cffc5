using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Dashboards.Generation;

/// <summary>Builds every dashboard of a facility: the overview, then one per room that has sensors (a room without
/// sensors has nothing to show), in the facility file's order. Pure: the same facility gives the same dashboards.</summary>
public static class DashboardGenerator
{
    public static IReadOnlyList<GeneratedDashboard> Generate(FacilityDefinition facility)
    {
        var limits = new LimitBook(facility);
        var rooms = facility.Rooms.Where(r => facility.SensorsIn(r.Id).Any()).ToList();
        var room = new RoomDashboardBuilder(facility, limits);
        return
        [
            new(new OverviewDashboardBuilder(facility, limits).Build(rooms)),
            .. rooms.Select(r => new GeneratedDashboard(room.Build(r))),
        ];
    }
}
