using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Simulators.Modbus;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Simulators.Fleet;

/// <summary>Serves a generated fleet over Modbus TCP: every server of the plan on loopback, each device presenting a new
/// reading every sensor interval for a duration; reports what was presented (what a poller could have read) per sensor.</summary>
internal sealed class FleetModbusServers(FacilityDefinition facility, ModbusPlan plan, TimeProvider time, ILogger logger, int seed)
{
    public async Task<FleetReport> RunAsync(double ratePerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var simulation = new ModbusSimulation(facility, plan, new Dictionary<string, string>(), time, logger, seed);
        simulation.Start();
        var start = time.GetUtcNow();
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            stop.CancelAfter(duration);
            try
            {
                await simulation.RunAsync(rounds: null, stop.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The duration is over.
            }
        }
        var seconds = Math.Max((time.GetUtcNow() - start).TotalSeconds, 1e-3);
        var perSensor = plan.Connections.SelectMany(c => c.Devices)
            .ToDictionary(d => d.Sensor.Value, d => simulation.Device(d.Sensor).Presented, StringComparer.Ordinal);
        var sent = perSensor.Values.Sum();
        return new FleetReport(perSensor.Count, ratePerSecond, seconds, sent, sent / seconds, perSensor)
        {
            Transport = "modbus",
            Servers = [.. plan.Connections.Select(c => $"{c.Host}:{c.Port}")],
        };
    }
}
