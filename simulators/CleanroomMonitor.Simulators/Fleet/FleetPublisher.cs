using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Publishing;
using CleanroomMonitor.Simulators.Signals;

namespace CleanroomMonitor.Simulators.Fleet;

/// <summary>Publishes every sensor of a (generated) facility at a fixed rate for a duration, QoS 1, keeping a bounded
/// window of unacknowledged messages, and reports what it sent. Timestamps are real time.</summary>
internal sealed class FleetPublisher(FacilityDefinition facility, MqttClient client, TimeProvider time, int seed)
{
    private const int Window = 5_000;

    public async Task<FleetReport> RunAsync(double ratePerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var signals = facility.Sensors.Where(s => s.Topic is not null).Select((s, i) => new SensorSignal(s, seed + i)).ToList();
        var counts = signals.ToDictionary(s => s.Sensor.Id.Value, _ => 0L, StringComparer.Ordinal);
        var period = TimeSpan.FromSeconds(1 / ratePerSecond);
        var start = time.GetUtcNow();
        var pending = new List<Task>(Window);
        long sent = 0;
        for (var tick = 0L; ; tick++)
        {
            var due = start + period * tick;
            if (due - start >= duration)
            {
                break;
            }
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            foreach (var signal in signals)
            {
                pending.Add(client.PublishAsync(signal.Sensor.Topic!, SamplePayload.Encode(signal.Next(due)), qos: 1, retain: false, cancellationToken));
                counts[signal.Sensor.Id.Value]++;
                sent++;
                if (pending.Count >= Window)
                {
                    await Task.WhenAll(pending);
                    pending.Clear();
                }
            }
        }
        await Task.WhenAll(pending);
        var seconds = Math.Max((time.GetUtcNow() - start).TotalSeconds, 1e-3);
        return new FleetReport(signals.Count, ratePerSecond, seconds, sent, sent / seconds, counts);
    }
}
