using CleanroomMonitor.Core.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Operations;

/// <summary>The limits in force are recorded once, not at every start: a restart with the same facility file adds no
/// limits.recorded entries to the audit trail (a GMP issue: each start of the demo added one per sensor parameter and
/// room state, burying the real changes).</summary>
public sealed class LimitVersionRestartTests
{
    private static async Task<int> CountAsync(MonitorRig rig, string action) =>
        (await rig.App.Services.GetRequiredService<IRecordStore>().AuditTrailAsync(null, null, null, CancellationToken.None)).Count(a => a.Entry.Action == action);

    [Theory]
    [InlineData("rig")]
    [InlineData("demo")]
    public async Task Restart_SameFacility_NoLimitEntriesAdded(string facility)
    {
        // The demo facility with every sensor on MQTT: which transport reads a sensor does not change its limits.
        var json = facility == "demo"
            ? (await File.ReadAllTextAsync(RepositoryPaths.DemoFacility)).Replace("\"source\": \"modbus\"", "\"source\": \"mqtt\"", StringComparison.Ordinal)
            : MonitorRig.FacilityJson;
        await using var rig = await MonitorRig.StartAsync(json, null);
        var recorded = await CountAsync(rig, AuditAction.LimitsRecorded);
        Assert.True(recorded > 0, "the first start records the limits in force");

        await rig.StopServiceAsync();
        await rig.StartServiceAsync();

        Assert.Equal(recorded, await CountAsync(rig, AuditAction.LimitsRecorded));
        Assert.Equal(0, await CountAsync(rig, AuditAction.LimitsChanged));
    }
}
