using System.Diagnostics;
using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Benchmarks;

/// <summary>End-to-end ingest throughput: readings published to a real mosquitto, through the service (decode,
/// validate, durable buffer with fsync), into a real influxd, counted back from InfluxDB with InfluxQL.</summary>
internal static class IngestBenchmark
{
    public static async Task<int> RunAsync(int readings, int sensors, CancellationToken cancellationToken)
    {
        Console.WriteLine($"ingest benchmark: {readings:N0} readings from {sensors} sensors, broker -> service -> InfluxDB, all on loopback");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        using var directory = new TempDirectory("bench");
        var facilityFile = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facilityFile, Facility(sensors), cancellationToken);

        await using var app = BenchmarkService.Build(broker, influx, directory, facilityFile, new Dictionary<string, string?>
        {
            ["Mqtt:InboxCapacity"] = "100000",
            // The readings are stamped an hour back (so none is refused as future): not a clock to warn about here.
            ["Ingest:ClockSkewWarning"] = "1.00:00:00",
        });
        await app.StartAsync(cancellationToken);
        var statistics = app.Services.GetRequiredService<IngestStatistics>();
        var client = app.Services.GetRequiredService<InfluxClient>();
        await using var publisher = new MqttClient(new MqttClientOptions
        {
            Port = broker.Port,
            ClientId = "bench-gateway",
            CleanSession = true,
            MaxInflight = 1000,
        }, TimeProvider.System, NullLogger<MqttClient>.Instance);
        publisher.Start();
        await publisher.WaitUntilConnectedAsync(cancellationToken);
        await app.Services.GetRequiredService<MqttClient>().WaitUntilConnectedAsync(cancellationToken);

        var payloads = Payloads(readings, sensors);
        var clock = Stopwatch.StartNew();
        var window = new List<Task>(2000);
        foreach (var (topic, payload) in payloads)
        {
            window.Add(publisher.PublishAsync(topic, payload, qos: 1, retain: false, cancellationToken));
            if (window.Count == window.Capacity)
            {
                await Task.WhenAll(window);
                window.Clear();
            }
        }
        await Task.WhenAll(window);
        var published = clock.Elapsed;

        while (statistics.Accepted < readings)
        {
            // A measuring loop at a fine probe: the time to acceptance is the figure.
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
        var accepted = clock.Elapsed;

        long stored = 0;
        while (stored < readings)
        {
            var result = await client.QueryAsync("SELECT count(\"value\") FROM \"reading\"", cancellationToken);
            stored = result.Series.Count == 0 ? 0 : result.Series[0].Get(0, "count").GetInt64();
            if (stored < readings)
            {
                // A measuring loop: the time until InfluxDB holds every reading is the figure.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
        var inInflux = clock.Elapsed;
        await app.StopAsync(cancellationToken);

        Console.WriteLine($"  published (all PUBACKed)     {published.TotalSeconds,8:F2} s   {readings / published.TotalSeconds,10:N0} readings/s");
        Console.WriteLine($"  accepted (in durable buffer) {accepted.TotalSeconds,8:F2} s   {readings / accepted.TotalSeconds,10:N0} readings/s");
        Console.WriteLine($"  stored (counted in InfluxDB) {inInflux.TotalSeconds,8:F2} s   {readings / inInflux.TotalSeconds,10:N0} readings/s end to end");
        Console.WriteLine($"  rejected {statistics.RejectedTotal}, InfluxDB count {stored:N0} of {readings:N0}");
        return stored == readings && statistics.RejectedTotal == 0 ? 0 : 1;
    }

    private static string Facility(int sensors)
    {
        var json = new StringBuilder("""{ "site": { "id": "bench", "name": "Benchmark", "timeZone": "UTC" }, "rooms": [""");
        const int rooms = 10;
        json.AppendJoin(",", Enumerable.Range(0, rooms).Select(r => $$"""{ "id": "r{{r}}", "name": "Room {{r}}", "grade": "C" }"""));
        json.Append("""], "sensors": [""");
        json.AppendJoin(",", Enumerable.Range(0, sensors).Select(s => "{ \"id\": \"s" + s + "\", \"room\": \"r" + (s % rooms) + "\", \"parameters\": [\"temperature\"], \"interval\": \"1s\" }"));
        return json.Append("]}").ToString();
    }

    /// <summary>Distinct timestamps per sensor (1 ms apart), so no point overwrites another in InfluxDB.</summary>
    private static List<(string Topic, byte[] Payload)> Payloads(int readings, int sensors)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var list = new List<(string, byte[])>(readings);
        for (var i = 0; i < readings; i++)
        {
            var sensor = i % sensors;
            var ts = start + i / sensors;
            list.Add(($"cleanroom/bench/r{sensor % 10}/s{sensor}",
                Encoding.UTF8.GetBytes($$$"""{"ts":{{{ts}}},"seq":{{{i / sensors}}},"values":{"temperature":{{{20 + (i % 100) / 100.0}}}}}""")));
        }
        return list;
    }
}
