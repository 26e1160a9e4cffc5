using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Dashboards.Generation;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Dashboards.Tests.Generation;

public sealed class DashboardUidTests
{
    [Fact]
    public void Generate_TwoRuns_GiveTheSameUidsAndTheSameBytes()
    {
        var first = DashboardGenerator.Generate(FacilityReader.Load(RepositoryPaths.DemoFacility));
        var second = DashboardGenerator.Generate(FacilityReader.Load(RepositoryPaths.DemoFacility));

        Assert.Equal(first.Select(d => d.Dashboard.Uid), second.Select(d => d.Dashboard.Uid));
        Assert.Equal(first.Select(d => d.Json), second.Select(d => d.Json));
    }

    [Fact]
    public void Generate_DemoFacility_UidsAreUniqueShortAndGrafanaSafe()
    {
        var uids = DemoDashboards.All.Select(d => d.Dashboard.Uid).ToList();

        Assert.Equal(uids.Count, uids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(uids, uid => Assert.Matches("^[a-z0-9_-]{1,40}$", uid));
        Assert.Equal("cm-gmp-centre-room-cr1", DashboardUid.Room("gmp-centre", "cr1"));
        Assert.Equal("cm-gmp-centre-overview", DashboardUid.Overview("gmp-centre"));
    }

    [Fact]
    public void Room_LongIdsSharingAPrefix_StayWithin40CharactersAndDistinct()
    {
        var site = new string('s', 63);
        var a = DashboardUid.Room(site, "room-a");
        var b = DashboardUid.Room(site, "room-b");

        Assert.True(a.Length <= DashboardUid.MaxLength, a);
        Assert.True(b.Length <= DashboardUid.MaxLength, b);
        Assert.NotEqual(a, b);
        Assert.Equal(a, DashboardUid.Room(site, "room-a"));
    }

    [Fact]
    public void Folder_Title_GivesASlugUid()
    {
        Assert.Equal("cm-folder-cleanroom-monitoring", DashboardUid.Folder("Cleanroom monitoring"));
        Assert.True(DashboardUid.Folder(new string('x', 100)).Length <= DashboardUid.MaxLength);
    }

    [Fact]
    public void Generate_DemoFacility_SchemaVersionAndDataSourceUidAreTheProvisionedOnes()
    {
        var provisioning = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "grafana", "provisioning", "datasources", "influxdb.yaml"));

        Assert.Contains($"uid: {GrafanaDataSource.Uid}", provisioning, StringComparison.Ordinal);
        Assert.All(DemoDashboards.All, d => Assert.Equal(Model.Dashboard.CurrentSchemaVersion, d.Dashboard.SchemaVersion));
        Assert.All(DemoDashboards.All, d => Assert.Contains("\"schemaVersion\": 40,", d.Json, StringComparison.Ordinal));
    }
}
