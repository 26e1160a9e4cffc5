using CleanroomMonitor.Dashboards.Generation;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Dashboards.Tests.Generation;

/// <summary>The CI drift check: the committed dashboards/generated/*.json must be exactly what the generator
/// produces from deploy/config/facility.demo.json.</summary>
public sealed class DriftCheckTests
{
    [Fact]
    public void Run_CommittedDemoDashboards_MatchTheGeneratorByteForByte()
    {
        var drift = DriftCheck.Run(DemoDashboards.All, DemoDashboards.GeneratedDirectory);

        Assert.False(drift.HasDrift,
            "dashboards/generated is out of date; run `dotnet run --project dashboards/CleanroomMonitor.Dashboards -- generate " +
            "--facility deploy/config/facility.demo.json --out dashboards/generated` and commit:\n" + drift);
    }

    [Fact]
    public void Run_ChangedMissingAndStaleFiles_NamesEach()
    {
        using var directory = new TempDirectory("dashboards");
        var dashboards = DemoDashboards.All;
        foreach (var dashboard in dashboards.Skip(2))
        {
            File.WriteAllText(directory.Combine(dashboard.FileName), dashboard.Json);
        }
        File.WriteAllText(directory.Combine(dashboards[1].FileName), dashboards[1].Json.Replace("\n", "\r\n", StringComparison.Ordinal));
        File.WriteAllText(directory.Combine("cm-gmp-centre-room-gone.json"), "{}\n");

        var drift = DriftCheck.Run(dashboards, directory.Path);

        Assert.Equal([dashboards[1].FileName], drift.Differing);
        Assert.Equal([dashboards[0].FileName], drift.Missing);
        Assert.Equal(["cm-gmp-centre-room-gone.json"], drift.Extra);
        Assert.Contains(dashboards[1].FileName + ": differs", drift.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_EveryDashboard_EndsWithOneNewlineAndHasNoCarriageReturns()
    {
        foreach (var dashboard in DemoDashboards.All)
        {
            Assert.EndsWith("}\n", dashboard.Json, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', dashboard.Json);
        }
    }
}
