using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.IntegrationTests.Operations;

public sealed class RecordsBackupTests
{
    [Fact]
    public async Task Backup_WhileServiceRuns_RestoredCopyVerifiesAndHoldsTheRecordsOfThatMoment()
    {
        await using var broker = await MosquittoProcess.StartAsync();
        await using var rig = await OperationsRig.StartAsync(broker);
        await rig.StartServiceAsync();
        var publisher = await rig.ConnectPublisherAsync();
        var records = rig.App.Services.GetRequiredService<IRecordStore>();
        await OperationsRig.PublishAsync(publisher, "th1", "\"temperature\":30", DateTimeOffset.UtcNow);
        await MonitorRig.WaitUntilAsync(async ct => (await records.OpenExcursionsAsync(ct)).Count == 1, TimeSpan.FromSeconds(20), "the excursion record");
        var excursion = (await records.OpenExcursionsAsync(default)).Single();
        var trailAtBackup = await records.AuditTrailAsync(null, null, null, default);
        var auditAtBackup = trailAtBackup.Count;
        var backup = rig.Directory.Combine("backups", "records-backup.db");
        var output = new StringWriter();

        int backedUp;
        await using (var command = rig.BuildCommandApp())
        {
            backedUp = await RecordsCommand.RunAsync(["records", "backup", "--to", backup], command, output, default);
        }
        await OperationsRig.PublishAsync(publisher, "th1", "\"temperature\":21", DateTimeOffset.UtcNow);   // back to normal: after the backup
        await MonitorRig.WaitUntilAsync(async ct => (await records.FindExcursionAsync(excursion.Id, ct))?.IsActive == false, TimeSpan.FromSeconds(20), "the return to normal");
        var auditBeforeRestore = (await records.AuditTrailAsync(null, null, null, default)).Count;
        await using (var command = rig.BuildCommandApp())
        {
            Assert.Equal(1, await RecordsCommand.RunAsync(["records", "backup", "--to", backup], command, output, default));   // never overwrites
            Assert.Equal(0, await RecordsCommand.RunAsync(["records", "verify", backup], command, output, default));
        }
        await rig.StopServiceAsync();
        foreach (var file in (string[])[rig.RecordsPath, rig.RecordsPath + "-wal", rig.RecordsPath + "-shm"])
        {
            File.Delete(file);
        }
        // deploy/README.md "Restore" step 3: the checkpoints of the trail being replaced go aside with it (they would show
        // the restored, shorter trail as cut short).
        if (File.Exists(rig.RecordsPath + ".checkpoints"))
        {
            File.Move(rig.RecordsPath + ".checkpoints", rig.RecordsPath + ".checkpoints.before-restore");
        }
        File.Copy(backup, rig.RecordsPath);
        await rig.StartServiceAsync();
        records = rig.App.Services.GetRequiredService<IRecordStore>();
        var verification = await records.VerifyAuditTrailAsync(default);
        var restored = await records.FindExcursionAsync(excursion.Id, default);
        var restoredAudit = await records.AuditTrailAsync(null, null, null, default);

        Assert.Equal(0, backedUp);
        Assert.Contains("backed up", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("intact:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("never overwrites", output.ToString(), StringComparison.Ordinal);
        Assert.True(auditBeforeRestore > auditAtBackup);
        Assert.True(verification.IsIntact, verification.Detail);
        Assert.NotNull(restored);
        Assert.True(restored.IsActive);   // as it was when the backup was taken
        Assert.True(restoredAudit.Count >= auditAtBackup);
        Assert.Equal(trailAtBackup.Select(a => a.Hash), restoredAudit.Take(auditAtBackup).Select(a => a.Hash));
        Assert.DoesNotContain(restoredAudit, a => a.Entry.EntityId == excursion.Id.ToString() && a.Sequence > auditAtBackup);
    }

    [Fact]
    public async Task Verify_FileThatIsNotARecordStore_ExitsOneAndSaysWhy()
    {
        using var directory = new TempDirectory("ops-verify");
        var file = directory.Combine("not-a-database.db");
        await File.WriteAllTextAsync(file, "this is not SQLite");
        await File.WriteAllTextAsync(directory.Combine("facility.json"), MonitorRig.FacilityJson);
        await using var app = CleanroomMonitorApp.Build([], new Dictionary<string, string?> { ["Facility:File"] = directory.Combine("facility.json") },
            logging => logging.ClearProviders());
        var output = new StringWriter();

        var code = await RecordsCommand.RunAsync(["records", "verify", file], app, output, default);

        Assert.Equal(1, code);
        Assert.Contains("NOT INTACT", output.ToString(), StringComparison.Ordinal);
    }
}
