using CleanroomMonitor.Simulators.Scenarios;
using Xunit.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>The acceptance suite: every scenario of the library, played at 60× through the real broker into the real
/// service and InfluxDB, its expectations checked through the API. Each runs on a fresh installation (the OQ kit test
/// runs them all in turn on one).</summary>
[Collection(OqInstallations.Name)]
public sealed class ScenarioLibraryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ScenarioRig _rig = new();

    public static TheoryData<string> Library() => new(ScenarioLibrary.Files(ScenarioRig.LibraryFolder).Select(Path.GetFileName)!);

    public Task InitializeAsync() => _rig.InitializeAsync();

    public Task DisposeAsync() => _rig.DisposeAsync();

    [Theory]
    [MemberData(nameof(Library))]
    public async Task Run_LibraryScenarioAt60x_ExpectationsHold(string file)
    {
        var scenario = ScenarioReader.Load(Path.Combine(ScenarioRig.LibraryFolder, file), _rig.Facility);
        var runner = _rig.Runner();

        var result = await runner.RunAsync(scenario, speed: 60, CancellationToken.None);

        var lines = result.Expectations.Select(e => $"{(e.Passed ? "pass" : "FAIL")} {e.Requirement}: expected {e.Expected}; observed {e.Observed}").ToList();
        output.WriteLine($"{scenario.Name}: {result.SamplesPublished} samples in {result.WallTime}");
        lines.ForEach(output.WriteLine);
        Assert.NotEmpty(result.Expectations);
        Assert.True(result.Passed, string.Join(Environment.NewLine, lines));
    }
}
