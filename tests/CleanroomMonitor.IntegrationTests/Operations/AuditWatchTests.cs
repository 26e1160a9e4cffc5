using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Operations;

/// <summary>The audit trail is verified on a schedule by the running service, checkpointed outside the database while
/// intact, and a trail changed behind the service's back is a System excursion without anyone asking.</summary>
public sealed class AuditWatchTests
{
    [Fact]
    public async Task RunningService_AuditRowChangedInTheFile_CheckpointedBeforeAndSystemExcursionRaised()
    {
        await using var broker = await MosquittoProcess.StartAsync();
        await using var rig = await OperationsRig.StartAsync(broker);
        await rig.StartServiceAsync(new Dictionary<string, string?> { ["Records:VerifyInterval"] = "00:00:01" });
        var publisher = await rig.ConnectPublisherAsync();
        var records = rig.App.Services.GetRequiredService<IRecordStore>();
        await OperationsRig.PublishAsync(publisher, "th1", "\"temperature\":30", DateTimeOffset.UtcNow);
        await MonitorRig.WaitUntilAsync(async ct => (await records.OpenExcursionsAsync(ct)).Count == 1, TimeSpan.FromSeconds(20), "the excursion record");
        var checkpoints = rig.RecordsPath + ".checkpoints";
        await MonitorRig.WaitUntilAsync(async ct => File.Exists(checkpoints)
            && (await File.ReadAllLinesAsync(checkpoints, ct)).Any(l => long.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 1),
            TimeSpan.FromSeconds(20), "a checkpoint of the intact trail");

        using (var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = rig.RecordsPath, Pooling = false }.ToString()))
        {
            raw.Open();
            using var tamper = raw.CreateCommand();
            tamper.CommandText = "DROP TRIGGER audit_no_update; UPDATE audit SET reason = 'nothing happened' WHERE sequence = 1;";
            tamper.ExecuteNonQuery();
        }

        await MonitorRig.WaitUntilAsync(async ct => (await records.OpenExcursionsAsync(ct)).Any(e => e.Kind == ExcursionKind.System),
            TimeSpan.FromSeconds(20), "a System excursion for the broken audit trail");
        var alarm = (await records.OpenExcursionsAsync(default)).Single(e => e.Kind == ExcursionKind.System);
        Assert.Contains("audit trail is broken at entry 1", alarm.Rule, StringComparison.Ordinal);
        Assert.Equal(Core.Limits.LimitLevel.Action, alarm.Level);
    }
}
