using System.Diagnostics;
using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Mqtt.Sparkplug;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Benchmarks;

/// <summary>End-to-end Sparkplug B ingest throughput: edge nodes' NDATA (one metric per sensor of the node, by alias,
/// protobuf) published to a real mosquitto, through the service's Sparkplug host (decode, seq and alias checks, mapping),
/// the ingest pump and the durable buffer, into a real influxd, counted back with InfluxQL.</summary>
internal static class SparkplugBenchmark
{
    private const string Group = "bench";

    /// <summary>End-to-end readings/s (counted in InfluxDB) and whether every reading arrived with none rejected.</summary>
    public sealed record Result(double ReadingsPerSecond, long Stored, long Readings, long Rejected);

    public static async Task<int> RunAsync(int readings, int nodes, int sensorsPerNode, CancellationToken cancellationToken)
    {
        var result = await MeasureAsync(readings, nodes, sensorsPerNode, cancellationToken);
        return result.Stored == result.Readings && result.Rejected == 0 ? 0 : 1;
    }

    public static async Task<Result> MeasureAsync(int readings, int nodes, int sensorsPerNode, CancellationToken cancellationToken)
    {
        var sensors = nodes * sensorsPerNode;
        var messages = readings / sensors * nodes;
        readings = messages * sensorsPerNode;
        Console.WriteLine($"sparkplug benchmark: {readings:N0} readings from {nodes} edge nodes x {sensorsPerNode} sensors ({messages:N0} NDATA of {sensorsPerNode} metrics), broker -> service -> InfluxDB, all on loopback");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        using var directory = new TempDirectory("bench-sparkplug");
        var facilityFile = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facilityFile, Facility(nodes, sensorsPerNode), cancellationToken);

        await using var app = BenchmarkService.Build(broker, influx, directory, facilityFile, new Dictionary<string, string?>
        {
            ["Mqtt:InboxCapacity"] = "100000",
            ["Ingest:ClockSkewWarning"] = "1.00:00:00",   // readings stamped an hour back on purpose
        });
        await app.StartAsync(cancellationToken);
        var statistics = app.Services.GetRequiredService<IngestStatistics>();
        var client = app.Services.GetRequiredService<InfluxClient>();
        await app.Services.GetRequiredService<SparkplugSource>().WaitUntilConnectedAsync(cancellationToken);
        await using var publisher = new MqttClient(new MqttClientOptions { Port = broker.Port, ClientId = "bench-edge-nodes", CleanSession = true, MaxInflight = 1000 },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        publisher.Start();
        await publisher.WaitUntilConnectedAsync(cancellationToken);

        // Births first (values null: only DATA counts as readings); QoS 1 on the benchmark's side so nothing is lost uncounted.
        for (var n = 0; n < nodes; n++)
        {
            await publisher.PublishAsync($"spBv1.0/{Group}/NBIRTH/n{n}", Birth(sensorsPerNode), qos: 1, retain: false, cancellationToken);
        }
        var payloads = Data(messages, nodes, sensorsPerNode);
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
        while (statistics.Accepted < readings && statistics.RejectedTotal == 0)
        {
            // A measuring loop at a fine probe: the time to acceptance is the figure.
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
        var accepted = clock.Elapsed;
        long stored = 0;
        while (stored < readings && statistics.RejectedTotal == 0)
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

        Console.WriteLine($"  published (all PUBACKed)     {published.TotalSeconds,8:F2} s   {readings / published.TotalSeconds,10:N0} readings/s   {messages / published.TotalSeconds,8:N0} messages/s");
        Console.WriteLine($"  accepted (in durable buffer) {accepted.TotalSeconds,8:F2} s   {readings / accepted.TotalSeconds,10:N0} readings/s");
        Console.WriteLine($"  stored (counted in InfluxDB) {inInflux.TotalSeconds,8:F2} s   {readings / inInflux.TotalSeconds,10:N0} readings/s end to end");
        Console.WriteLine($"  rejected {statistics.RejectedTotal}, InfluxDB count {stored:N0} of {readings:N0}");
        return new Result(readings / inInflux.TotalSeconds, stored, readings, statistics.RejectedTotal);
    }

    private static string Facility(int nodes, int sensorsPerNode)
    {
        var json = new StringBuilder("""{ "site": { "id": "bench", "name": "Benchmark", "timeZone": "UTC" }, "rooms": [""");
        json.AppendJoin(",", Enumerable.Range(0, nodes).Select(r => $$"""{ "id": "r{{r}}", "name": "Room {{r}}", "grade": "C" }"""));
        json.Append("""], "sensors": [""");
        json.AppendJoin(",", Enumerable.Range(0, nodes * sensorsPerNode).Select(s => string.Create(CultureInfo.InvariantCulture,
            $$"""{ "id": "s{{s}}", "room": "r{{s / sensorsPerNode}}", "parameters": ["temperature"], "interval": "1s", "source": "sparkplug", "sparkplug": { "group": "{{Group}}", "edgeNode": "n{{s / sensorsPerNode}}", "metrics": { "temperature": "T{{s % sensorsPerNode}}" } } }""")));
        return json.Append("]}").ToString();
    }

    private static byte[] Birth(int sensorsPerNode) => SparkplugPayloadEncoder.Encode(new SparkplugPayload(
        (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        [
            new SparkplugMetric(SparkplugPayload.BirthSequenceMetric, DataType: SparkplugDataType.Int64, Value: SparkplugValue.OfLong(0)),
            .. Enumerable.Range(0, sensorsPerNode).Select(i => new SparkplugMetric($"T{i}", (ulong)i + 1, DataType: SparkplugDataType.Double, IsNull: true)),
        ], Seq: 0));

    /// <summary>Per node, seq 1, 2, … wrapping at 255; one timestamp per message, 1 ms apart, so no point overwrites another.</summary>
    private static List<(string Topic, byte[] Payload)> Data(int messages, int nodes, int sensorsPerNode)
    {
        var start = (ulong)DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var list = new List<(string, byte[])>(messages);
        for (var m = 0; m < messages; m++)
        {
            var node = m % nodes;
            var round = m / nodes;
            var metrics = Enumerable.Range(0, sensorsPerNode)
                .Select(i => new SparkplugMetric(null, (ulong)i + 1, start + (ulong)round, Value: SparkplugValue.OfDouble(20 + (round + i) % 100 / 100.0)))
                .ToList();
            list.Add(($"spBv1.0/{Group}/NDATA/n{node}", SparkplugPayloadEncoder.Encode(new SparkplugPayload(start + (ulong)round, metrics, (ulong)((round + 1) % 256)))));
        }
        return list;
    }
}
