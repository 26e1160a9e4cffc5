using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Modbus.Polling;

/// <summary>The Modbus source: one <see cref="ConnectionPoller"/> (one thread) per connection of the plan. With no
/// Modbus devices configured it does nothing. A bug in a polling loop escapes and stops the host.</summary>
internal sealed class ModbusPoller(ModbusPlan plan, PipelineChannels channels, ModbusMetrics metrics, RecordCursorStore cursors, TimeProvider time,
    ILogger<ModbusPoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (plan.Connections.Count == 0)
        {
            return;
        }
        try
        {
            // Counters keep their records meanwhile; polling starts once the engine can judge what it reads.
            await channels.SourcesMayStart.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        var devices = plan.Devices.Count();
        logger.PollingStarted(devices, plan.Connections.Count, plan.File ?? "?");
        if (cursors.Count > 0)
        {
            logger.CursorsLoaded(cursors.Count, cursors.Path ?? "(memory)");
        }
        await Task.WhenAll(plan.Connections.Select(c => new ConnectionPoller(c, channels, metrics, cursors, time, logger).RunAsync(stoppingToken)));
    }
}
