using CleanroomMonitor.Simulators.Scenarios;
using Xunit.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>The acceptance suite at 60×: every scenario of the library that plays faster than real time, through the real
/// broker into the real service and InfluxDB, its expectations checked through the API, each on a fresh installation.
/// The scenarios that play wholly in real time (<c>realTimeFrom</c> 0: the window, clean-up deadline and alarm-delivery
/// scenarios) run the same at any speed, so they run once, in the whole-library run of <see cref="DocumentedOqTests"/>
/// (which runs them all in turn on one installation, at max speed): about 5 minutes less on the suite's serial path.</summary>
[Collection(OqInstallations.Name)]
public sealed class ScenarioLibraryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ScenarioRig _rig = new();

    public static TheoryData<string> Library()
    {
        var facility = CleanroomMonitor.Core.Facility.FacilityReader.Load(ScenarioRig.FacilityFile);
        return new(ScenarioLibrary.Files(ScenarioRig.LibraryFolder)
            .Where(f => ScenarioReader.Load(f, facility).RealTimeFrom != TimeSpan.Zero)
            .Select(Path.GetFileName)!);
    }

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
