using CleanroomMonitor.TestSupport;
using CleanroomMonitor.TestSupport.Grafana;

namespace CleanroomMonitor.IntegrationTests.CommandLine;

/// <summary>Every command of <c>CleanroomMonitor.Dashboards</c> (dashboards/README.md) run as a user runs it: the built
/// program as a process, from the repository's root, with the documented arguments. <c>publish</c> talks to a local
/// server that checks each request against Grafana's documented API (no Grafana can be installed on these machines).</summary>
public sealed class DashboardsCommandLineTests
{
    private const string DemoFacility = "deploy/config/facility.demo.json";
    private const string Committed = "dashboards/generated";

    private static readonly Dictionary<string, string> NoEnvironment = [];

    private static string CommittedFolder => Path.Combine(RepositoryPaths.Root, Committed);

    [Fact]
    public async Task Generate_DemoFacility_WritesTheCommittedDashboardsByteForByte()
    {
        using var output = new TempDirectory("cli-dashboards");

        var run = await BuiltPrograms.DashboardsAsync(NoEnvironment, "generate", "--facility", DemoFacility, "--out", output.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        var committed = Directory.GetFiles(CommittedFolder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(committed, Directory.GetFiles(output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in committed)
        {
            Assert.Contains($"wrote {file}", run.Output, StringComparison.Ordinal);
            Assert.True(File.ReadAllBytes(Path.Combine(CommittedFolder, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output.Path, file!))), file);
        }
    }

    [Fact]
    public async Task Check_CommittedDashboards_ExitsZeroUpToDate()
    {
        var run = await BuiltPrograms.DashboardsAsync(NoEnvironment, "check", "--facility", DemoFacility, "--dir", Committed);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{Directory.GetFiles(CommittedFolder, "*.json").Length} dashboards up to date", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_OneDashboardEditedByHand_ExitsOneNamingIt()
    {
        using var copy = new TempDirectory("cli-dashboards-drift");
        foreach (var file in Directory.GetFiles(CommittedFolder, "*.json"))
        {
            File.Copy(file, Path.Combine(copy.Path, Path.GetFileName(file)));
        }
        var edited = Path.Combine(copy.Path, "cm-gmp-centre-overview.json");
        await File.WriteAllTextAsync(edited, (await File.ReadAllTextAsync(edited)).Replace("\"title\": \"", "\"title\": \"Edited ", StringComparison.Ordinal));

        var run = await BuiltPrograms.DashboardsAsync(NoEnvironment, "check", "--facility", DemoFacility, "--dir", copy.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("cm-gmp-centre-overview.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("The committed dashboards are out of date", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_EmptyGrafana_CreatesTheFolderAndEveryDashboard()
    {
        await using var grafana = await FakeGrafana.StartAsync();
        var environment = new Dictionary<string, string> { ["GRAFANA_TOKEN"] = FakeGrafana.Token };

        var run = await BuiltPrograms.DashboardsAsync(environment, "publish", "--facility", DemoFacility, "--grafana", grafana.Url.ToString().TrimEnd('/'));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(grafana.Violations);
        Assert.Contains("created folder \"Cleanroom monitoring\"", run.Output, StringComparison.Ordinal);
        Assert.Equal(Directory.GetFiles(CommittedFolder, "*.json").Length, grafana.Dashboards.Count);
    }

    [Fact]
    public async Task PublishDryRun_EmptyGrafana_SaysWhatWouldChangeAndSavesNothing()
    {
        await using var grafana = await FakeGrafana.StartAsync();
        var environment = new Dictionary<string, string> { ["GRAFANA_TOKEN"] = FakeGrafana.Token };

        var run = await BuiltPrograms.DashboardsAsync(environment, "publish", "--facility", DemoFacility, "--grafana", grafana.Url.ToString().TrimEnd('/'),
            "--folder", "Cleanroom monitoring", "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("dry run: would create folder \"Cleanroom monitoring\"", run.Output, StringComparison.Ordinal);
        Assert.Empty(grafana.Dashboards);
        Assert.Empty(grafana.Folders);
    }

    /// <summary>A command line that cannot be used: exit code 2 (1 is <c>check</c>'s "out of date"), the problem on
    /// standard error.</summary>
    [Theory]
    [InlineData("--grafana '127.0.0.1:3000': expected an http(s) address", "publish", "--facility", DemoFacility, "--grafana", "127.0.0.1:3000")]
    [InlineData("Option '--facility' is required.", "generate", "--out", "never-written")]
    [InlineData("Unrecognized command or argument 'upload'", "upload", "--facility", DemoFacility)]
    public async Task BadCommandLine_ExitsTwoNamingTheProblemOnStandardError(string problem, params string[] arguments)
    {
        var run = await BuiltPrograms.DashboardsAsync(new Dictionary<string, string> { ["GRAFANA_TOKEN"] = FakeGrafana.Token }, arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(RepositoryPaths.Root, "never-written")));
    }
}
