using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>Verifies the audit trail on a schedule, not only when someone asks: a broken chain, or one that no longer
/// matches its checkpoints, is a System excursion at action level (a tampered event log is alarmed, as it is in the
/// commercial systems QA compares us with). An intact trail's end is written down as a checkpoint outside the database.</summary>
internal sealed class AuditWatch(IRecordStore records, SystemConditions conditions, IOptions<RecordsOptions> options, ExcursionEngine engine,
    TimeProvider time) : BackgroundService
{
    public const string AuditTrailBroken = "audit-trail-broken";
    public const string CheckpointFailing = "audit-checkpoint-failing";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await engine.Ready.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(options.Value.VerifyInterval, time);
            do
            {
                await CheckAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var result = await records.VerifyAuditTrailAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (!result.IsIntact)
        {
            conditions.Set(AuditTrailBroken, true, LimitLevel.Action,
                $"the audit trail is broken at entry {result.FirstBrokenSequence}: {result.Detail}. The record store was changed outside the service", now);
            return;
        }
        conditions.Set(AuditTrailBroken, false, LimitLevel.Action, $"the audit trail verifies again: {result.Detail}", now);
        try
        {
            await records.CheckpointAuditTrailAsync(now, cancellationToken);
            conditions.Set(CheckpointFailing, false, LimitLevel.Alert, "the audit checkpoint file is written again", now);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Without new checkpoints the trail is still verified against the older ones; say so on the record.
            conditions.Set(CheckpointFailing, true, LimitLevel.Alert, $"the audit checkpoint file cannot be written: {ex.Message}", now);
        }
    }
}
