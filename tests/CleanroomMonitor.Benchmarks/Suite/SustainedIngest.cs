using System.Diagnostics;
using System.Globalization;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>Offers readings at a fixed rate to a freshly started service process for a fixed time and checks that it
/// kept up and that InfluxDB holds every one of them.</summary>
internal sealed class SustainedIngest(MosquittoProcess broker, InfluxProcess influx, TempDirectory directory, int sensors, int gateways)
{
    private const string AcceptedMetric = "cleanroom_readings_accepted_total";
    private int _runs;

    /// <summary>A warm-up at the same rate comes first (its readings are counted as stored, its CPU is not), so the
    /// CPU figure is the steady state rather than the just-in-time compiler's first minutes.</summary>
    public async Task<IngestRun> RunAsync(double rate, TimeSpan duration, CancellationToken cancellationToken) =>
        await RunAsync(rate, duration, TimeSpan.FromSeconds(5), cancellationToken);

    public async Task<IngestRun> RunAsync(double rate, TimeSpan duration, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        var name = $"ingest{sensors}x{++_runs}";
        var facilityFile = directory.Combine($"facility-{sensors}.json");
        if (!File.Exists(facilityFile))
        {
            // Long enough that no sensor is late at any offered rate: a data-gap excursion per sensor is not ingest.
            await File.WriteAllTextAsync(facilityFile, BenchFacility.Json(sensors, interval: "10m"), cancellationToken);
        }
        await using var service = await ServiceProcess.StartAsync(Settings(broker, influx, directory, facilityFile, name), cancellationToken);
        await using var publisher = await LoadPublisher.ConnectAsync(broker.Port, gateways, BenchFacility.Topics(sensors), cancellationToken);

        var readyRss = service.RssBytes();
        var (warmUpReadings, _) = await publisher.RunAsync(rate, warmUp, window: 5000, cancellationToken);
        await Eventually.UntilAsync(async ct => await service.MetricAsync(AcceptedMetric, ct) >= warmUpReadings, TimeSpan.FromMinutes(2),
            $"the service to accept the {warmUpReadings:N0} warm-up readings", () => Task.FromResult(service.Output), cancellationToken);
        var cpuBefore = service.CpuTime();
        long maxLag = 0;
        long maxHeap = 0;
        using var sampling = new CancellationTokenSource();
        var lagWatch = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(sampling.Token))
            {
                var published = publisher.Published - warmUpReadings;
                var accepted = (long)await service.MetricAsync(AcceptedMetric, sampling.Token) - warmUpReadings;
                maxLag = Math.Max(maxLag, published - accepted);
                maxHeap = Math.Max(maxHeap, (long)await service.MetricAsync("cleanroom_gc_heap_size_bytes", sampling.Token));
            }
        }, CancellationToken.None);
        var (readings, publishTime) = await publisher.RunAsync(rate, duration, window: 5000, cancellationToken);
        var afterPublish = Stopwatch.StartNew();
        while (await service.MetricAsync(AcceptedMetric, cancellationToken) < warmUpReadings + readings && afterPublish.Elapsed < TimeSpan.FromMinutes(2))
        {
            // A measuring loop at a fine probe: the catch-up time is part of the figure; a shortfall is reported, not thrown.
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
        var catchUp = afterPublish.Elapsed;
        await sampling.CancelAsync();
        await lagWatch.ContinueWith(_ => { }, TaskScheduler.Default);

        // Counted once InfluxDB holds everything, so the forwarder's share is in the CPU figure too.
        var stored = await CountAsync(influx, name, warmUpReadings + readings, cancellationToken) - warmUpReadings;
        var cpu = service.CpuTime() - cpuBefore;
        var generations = string.Join(", ", (await service.MetricLinesAsync("cleanroom_gc_generation_size_bytes", cancellationToken))
            .Select(l => $"{l.Split('"')[1]} {double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture) / 1048576:F0} MB"));
        var peak = service.PeakRssBytes();
        await service.StopAsync();
        await ForgetSessionAsync(broker, name, cancellationToken);
        return new IngestRun(rate, readings, publishTime, stored, catchUp, maxLag, cpu, readyRss, peak, maxHeap, generations);
    }

    internal static ServiceSettings Settings(MosquittoProcess broker, InfluxProcess influx, TempDirectory directory, string facilityFile, string name) =>
        new(broker.Port, influx.Url, name, directory.Combine(name), facilityFile)
        {
            // A client id per run, its persistent session dropped at the end (ForgetSessionAsync). One id shared by all runs
            // let a run inherit what the broker still held for the one before (a run after one that was not held stored up
            // to 1.5 million readings more than it published); an id per run left alone kept every earlier session
            // subscribed, and the broker queued every reading for each of them.
            MqttClientId = ClientId(name),
            LogLevel = "Warning",
            Overrides = new Dictionary<string, string?>
            {
                // Each sensor's stamps fall behind the clock as a run goes on (1 ms a reading): not a clock to warn about here.
                ["Ingest:ClockSkewWarning"] = "1.00:00:00",
            },
        };

    internal static string ClientId(string name) => "bench-" + name;

    /// <summary>Connects once with the run's client id and a clean session, which makes the broker drop the service's
    /// persistent session: its subscription, and whatever it still queued for it.</summary>
    internal static async Task ForgetSessionAsync(MosquittoProcess broker, string name, CancellationToken cancellationToken)
    {
        await using var client = new MqttClient(new MqttClientOptions { Port = broker.Port, ClientId = ClientId(name), CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        client.Start();
        await client.WaitUntilConnectedAsync(cancellationToken);
    }

    /// <summary>Counts the run's readings in InfluxDB, waiting up to a minute for the forwarder to finish.</summary>
    internal static async Task<long> CountAsync(InfluxProcess influx, string database, long expected, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var client = new InfluxClient(http, Options.Create(new InfluxOptions { Url = influx.Url, Database = database }), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        long stored = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(1))
        {
            var result = await client.QueryAsync("SELECT count(\"value\") FROM \"reading\"", cancellationToken);
            stored = result.Series.Count == 0 ? 0 : result.Series[0].Get(0, "count").GetInt64();
            if (stored >= expected)
            {
                break;
            }
            // A measuring loop: the count reached by the deadline is the figure, a shortfall included.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
        return stored;
    }
}
