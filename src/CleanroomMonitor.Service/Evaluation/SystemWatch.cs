using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Storage.Buffer;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Evaluation;

/// <summary>Watches the durable buffer's backlog and passes every system condition change to the excursion engine, so
/// that storage trouble is alarmed before the disk budget is reached, not discovered after.</summary>
internal sealed class SystemWatch(SystemConditions conditions, DurableBuffer buffer, IOptions<SystemWatchOptions> options,
    IOptions<DurableBufferOptions> bufferOptions, ExcursionEngine engine, TimeProvider time) : BackgroundService
{
    public const string BufferBacklog = "buffer-backlog";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await engine.Ready.WaitAsync(stoppingToken);
        var forward = ForwardAsync(stoppingToken);
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            do
            {
                Check();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await forward;
    }

    private void Check()
    {
        var settings = options.Value;
        var budget = bufferOptions.Value.MaxBytes;
        var fraction = budget > 0 ? (double)buffer.PendingBytes / budget : 0;
        var age = buffer.OldestPendingAge;
        var active = fraction >= settings.BufferAlarmFraction || age >= settings.BufferAlarmAge;
        var detail = active
            ? $"durable buffer backlog: {buffer.PendingRecords} readings, {fraction:P0} of the disk budget, oldest {age:g} old (InfluxDB not taking them)"
            : "durable buffer drained below its alarm levels";
        conditions.Set(BufferBacklog, active, fraction >= settings.BufferAlarmFraction ? LimitLevel.Action : LimitLevel.Alert, detail, time.GetUtcNow());
    }

    private async Task ForwardAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in conditions.ReadAllAsync(stoppingToken))
            {
                await engine.ReportSystemConditionAsync(change, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
