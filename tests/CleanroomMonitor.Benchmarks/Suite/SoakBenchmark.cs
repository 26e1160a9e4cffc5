using System.Diagnostics;
using System.Globalization;
using System.Text.Unicode;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>The long fault soak: readings at a steady rate for many minutes while, every cycle, InfluxDB goes away for
/// 20 s, the broker restarts, and the service is killed with SIGKILL and started again. At the end every published
/// reading is looked for in InfluxDB. The CI runs each fault once, briefly; this runs them over and over.</summary>
/// <remarks>The publisher is the project's MQTT client with a persistent session: it keeps unacknowledged QoS 1 messages and
/// sends them again after the broker's restart, as a real gateway does.</remarks>
internal static class SoakBenchmark
{
    private const int Sensors = 200;
    private static readonly TimeSpan Cycle = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(TimeSpan duration, double rate, CancellationToken cancellationToken)
    {
        Console.WriteLine($"soak: {rate:N0} readings/s for {duration.TotalMinutes:0} min; every {Cycle.TotalSeconds:0} s InfluxDB down 20 s, a broker restart, a SIGKILL of the service");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        using var directory = new TempDirectory("bench-soak");
        var facilityFile = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facilityFile, BenchFacility.Json(Sensors, interval: "10m"), cancellationToken);
        var settings = SustainedIngest.Settings(broker, influx, directory, facilityFile, "soak");
        var service = await ServiceProcess.StartAsync(settings, cancellationToken);

        await using var publisher = new MqttClient(new MqttClientOptions
        {
            Port = broker.Port,
            ClientId = "soak-gateway",
            CleanSession = false,
            MaxInflight = 1000,
            ReconnectDelayMin = TimeSpan.FromSeconds(1),
            ReconnectDelayMax = TimeSpan.FromSeconds(2),
        }, TimeProvider.System, NullLogger<MqttClient>.Instance);
        publisher.Start();
        await publisher.WaitUntilConnectedAsync(cancellationToken);

        using var stopPublishing = new CancellationTokenSource();
        var published = 0L;
        var publishing = Task.Run(() => Publish(publisher, rate, ref published, stopPublishing.Token), CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var (outages, brokerRestarts, kills) = (0, 0, 0);
        try
        {
            while (clock.Elapsed + Cycle <= duration)
            {
                var cycleStart = clock.Elapsed;
                // The soak's fault schedule: each pause is the length of a phase under load, which is what the soak tests.
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                await influx.StopAsync(kill: true);
                await Task.Delay(TimeSpan.FromSeconds(20), cancellationToken);
                await influx.RestartAsync(cancellationToken);
                outages++;
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                await broker.RestartAsync(cancellationToken);
                brokerRestarts++;
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                await service.StopAsync(kill: true);
                await service.DisposeAsync();
                service = await ServiceProcess.StartAsync(settings, cancellationToken);
                kills++;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {clock.Elapsed.TotalMinutes,5:F1} min: {Interlocked.Read(ref published):N0} published; faults so far: {outages} InfluxDB outages, {brokerRestarts} broker restarts, {kills} SIGKILLs"));
                var rest = Cycle - (clock.Elapsed - cycleStart);
                if (rest > TimeSpan.Zero)
                {
                    await Task.Delay(rest, cancellationToken);
                }
            }
        }
        finally
        {
            await stopPublishing.CancelAsync();
            await publishing;
        }
        var total = Interlocked.Read(ref published);
        var settle = Stopwatch.StartNew();
        while (publisher.AcknowledgedCount < total && settle.Elapsed < TimeSpan.FromMinutes(2))
        {
            // A measuring loop: acknowledgements still missing after two minutes are reported, not thrown.
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        var stored = await SustainedIngest.CountAsync(influx, "soak", total, cancellationToken);
        await service.StopAsync();
        await service.DisposeAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  published {total:N0} (acknowledged by the broker {publisher.AcknowledgedCount:N0}), stored {stored:N0}, missing {total - stored:N0}"));
        Console.WriteLine($"  faults: {outages} InfluxDB outages of 20 s, {brokerRestarts} broker restarts, {kills} SIGKILLs of the service");
        Console.WriteLine("  the service acknowledges a reading only after the durable commit, so a SIGKILL loses nothing: missing must be 0");
        return stored == total ? 0 : 1;
    }

    private static void Publish(MqttClient publisher, double rate, ref long published, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var topics = BenchFacility.Topics(Sensors);
        var epochMs = DateTimeOffset.UtcNow.AddSeconds(-5).ToUnixTimeMilliseconds();   // live data: see LoadPublisher
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = (long)(rate * clock.Elapsed.TotalSeconds);
            for (; sent < due; sent++)
            {
                var sensor = (int)(sent % Sensors);
                var sequence = sent / Sensors;
                Utf8.TryWrite(buffer, CultureInfo.InvariantCulture, $$$"""{"ts":{{{epochMs + sequence}}},"seq":{{{sequence}}},"values":{"temperature":20.5}}""", out var length);
                publisher.Publish(topics[sensor], buffer.AsSpan(0, length), qos: 1, retain: false);
                Interlocked.Increment(ref published);
            }
            // Pacing: the publisher's rate is what the soak applies.
            Thread.Sleep(5);
        }
    }
}
