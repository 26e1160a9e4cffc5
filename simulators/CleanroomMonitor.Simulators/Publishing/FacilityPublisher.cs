using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Signals;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Simulators.Publishing;

/// <summary>Publishes every MQTT sensor (one with a topic) of a facility on its own interval, in real time, QoS 1, as its gateway would.
/// One loop drives all sensors from a queue ordered by due time, so a thousand sensors cost one timer. Publishes are not
/// awaited one by one (the broker acknowledges them while the next go out), but a finite run returns only when the
/// broker has acknowledged every one: the process may close its connection then without dropping the last samples.</summary>
internal sealed class FacilityPublisher(FacilityDefinition facility, MqttClient client, TimeProvider time, ILogger logger, int seed)
{
    public long Published { get; private set; }

    // Above this many unacknowledged publishes the finished ones are swept out (and a failed one rethrown).
    private const int SweepAt = 4096;

    /// <summary>Runs until cancelled, or until every sensor has published <paramref name="rounds"/> samples and the
    /// broker acknowledged them.</summary>
    public async Task RunAsync(int? rounds, CancellationToken cancellationToken)
    {
        var due = new PriorityQueue<SensorSignal, DateTimeOffset>();
        var start = time.GetUtcNow();
        var random = new Random(seed);
        foreach (var (sensor, index) in facility.Sensors.Select((s, i) => (s, i)).Where(x => x.s.Topic is not null))
        {
            // Spread first samples over each interval so the broker does not see every sensor in the same millisecond.
            due.Enqueue(new SensorSignal(sensor, seed + index), start + sensor.Interval * random.NextDouble());
        }
        var published = new Dictionary<SensorId, int>();
        var unacknowledged = new List<Task>();
        while (due.TryDequeue(out var signal, out var at))
        {
            var wait = at - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
            var sample = signal.Next(at);
            unacknowledged.Add(client.PublishAsync(signal.Sensor.Topic!, SamplePayload.Encode(sample), qos: 1, retain: false, cancellationToken));
            Published++;
            if (unacknowledged.Count >= SweepAt)
            {
                await Sweep(unacknowledged);
            }
            var count = published[signal.Sensor.Id] = published.GetValueOrDefault(signal.Sensor.Id) + 1;
            if (rounds is null || count < rounds)
            {
                due.Enqueue(signal, at + signal.Sensor.Interval);
            }
            if (Published % 1000 == 0)
            {
                logger.Published(Published);
            }
        }
        await Task.WhenAll(unacknowledged);
    }

    private static async Task Sweep(List<Task> unacknowledged)
    {
        foreach (var failed in unacknowledged.Where(t => t.IsFaulted || t.IsCanceled))
        {
            await failed;
        }
        unacknowledged.RemoveAll(t => t.IsCompletedSuccessfully);
    }
}
