using CleanroomMonitor.Simulators.Scenarios;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>The acceptance suite: every scenario of the library, played at 60× through the real broker into the real
/// service and InfluxDB, and its expectations checked through the API. They run in file order on one service, as the
/// OQ kit runs them on an installation.</summary>
public sealed class ScenarioLibraryTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    public static TheoryData<string> Library() => new(ScenarioLibrary.Files(ScenarioRig.LibraryFolder).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Library))]
    public async Task Run_LibraryScenarioAt60x_ExpectationsHold(string file)
    {
        var scenario = ScenarioReader.Load(Path.Combine(ScenarioRig.LibraryFolder, file), rig.Facility);
        var runner = new ScenarioRunner(rig.Facility, rig.Devices, rig.Api, TimeProvider.System);

        var result = await runner.RunAsync(scenario, speed: 60, CancellationToken.None);

        Assert.NotEmpty(result.Expectations);
        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Expectations.Select(e => $"{(e.Passed ? "pass" : "FAIL")} {e.Requirement}: expected {e.Expected}; observed {e.Observed}")));
    }
}
