using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Dashboards.Generation;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Dashboards.Tests;

/// <summary>The demo facility and the dashboards generated from it, in memory.</summary>
internal static class DemoDashboards
{
    public static FacilityDefinition Facility { get; } = FacilityReader.Load(RepositoryPaths.DemoFacility);

    public static IReadOnlyList<GeneratedDashboard> All { get; } = DashboardGenerator.Generate(Facility);

    public static string GeneratedDirectory => Path.Combine(RepositoryPaths.Root, "dashboards", "generated");

    public static GeneratedDashboard Room(string roomId) => All.Single(d => d.Dashboard.Uid == DashboardUid.Room(Facility.Site.Id, roomId));

    public static TheoryData<string> Uids() => new(All.Select(d => d.Dashboard.Uid));
}
