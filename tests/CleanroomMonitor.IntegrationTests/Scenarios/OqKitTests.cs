using CleanroomMonitor.Simulators.Oq;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>The OQ kit's runner in process against its own installation, for what the whole-library run of
/// <see cref="DocumentedOqTests"/> (the documented commands, as processes) shows less directly: the alarm-delivery row's evidence.</summary>
[Collection(OqInstallations.Name)]
public sealed class OqKitTests : IAsyncLifetime
{
    private readonly ScenarioRig _rig = new();

    public Task InitializeAsync() => _rig.InitializeAsync();

    public Task DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task Run_AlarmDeliveryScenario_RowPassesWithBothLatenciesAsEvidence()
    {
        var scenario = ScenarioLibrary.Load(ScenarioRig.LibraryFolder, _rig.Facility).Single(s => s.Name == "alarm-delivery");
        var oq = new OqRun(_rig.Facility, ScenarioRig.FacilityFile, _rig.Devices, _rig.Api, TimeProvider.System) { Alarms = _rig.Alarms };

        var report = await oq.RunAsync([scenario], double.PositiveInfinity, CancellationToken.None);

        var row = Assert.Single(report.Rows);
        Assert.True(row.Passed, row.Observed);
        Assert.Contains("within 60 s of the breach", row.Expected, StringComparison.Ordinal);
        Assert.Matches(@"mail to oq-on-call@gmp-centre\.example accepted by the kit's SMTP sink \d+\.\d s after the breach", row.Observed);
        Assert.Matches(@"gateway request POST /oq/sms received \d+\.\d s after the breach", row.Observed);
        Assert.Contains("(limit 60 s)", row.Observed, StringComparison.Ordinal);
    }
}
