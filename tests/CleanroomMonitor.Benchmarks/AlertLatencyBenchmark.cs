using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Benchmarks;

/// <summary>Alert latency under load: while a gateway publishes background readings at a steady rate, probe sensors
/// publish a breaching value and the time to the excursion's "raised" message on the alert topic is measured. Beside it,
/// the broker's own publish→subscriber latency in the same run: the floor (the alert path has two broker hops).</summary>
/// <remarks>The first <see cref="WarmUp"/> of probes is not counted: it measures the JIT compiling the alert path (the
/// very first alert, reported apart as the cold figure, takes 50–100 ms), not the steady state a p99 is about. A probe
/// every 50 ms gives 1,200 samples a minute, so the p99 rests on a dozen of them rather than on the third-worst.</remarks>
internal static class AlertLatencyBenchmark
{
    private const int LoadSensors = 200;
    private const int Probes = 40;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Latencies in milliseconds, sorted, after the warm-up; the broker's own one-hop latency in the same run is
    /// the floor. <paramref name="ColdFirst"/> is the run's very first alert, in the warm-up.</summary>
    public sealed record Result(double OfferedRate, IReadOnlyList<double> Alert, IReadOnlyList<double> BrokerFloor, int Missing, double ColdFirst,
        IReadOnlyList<double> InService)
    {
        public double AlertAt(double quantile) => At(Alert, quantile);

        public double FloorAt(double quantile) => At(BrokerFloor, quantile);

        private static double At(IReadOnlyList<double> sorted, double quantile) =>
            sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static async Task<int> RunAsync(int ratePerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        Console.WriteLine($"alert latency benchmark: {ratePerSecond:N0} readings/s background load, {WarmUp.TotalSeconds:0} s warm-up, then {duration.TotalSeconds:0} s measured, loopback");
        var result = await MeasureAsync(ratePerSecond, duration, cancellationToken);
        Console.WriteLine($"  offered load        {result.OfferedRate,10:N0} readings/s");
        Print("alert latency", result.Alert, "publish of a breaching reading -> 'raised' on the alert topic (2 broker hops)");
        Print("broker floor", result.BrokerFloor, "publish -> plain subscriber, same broker, same run (1 hop)");
        Print("in the service", result.InService, "receipt of the reading -> record committed and every notifier told (cleanroom.alert.latency)");
        Console.WriteLine($"  cold first alert   {result.ColdFirst,7:F2} ms (in the warm-up, not counted above)");
        Console.WriteLine($"  probes without an alert: {result.Missing}");
        return result.Alert.Count > 0 ? 0 : 1;
    }

    /// <param name="ratePerSecond">The background load.</param>
    /// <param name="duration">Measured time after the warm-up.</param>
    /// <param name="recordsDatabase">A PostgreSQL connection string to keep the records there; null: the SQLite file.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<Result> MeasureAsync(int ratePerSecond, TimeSpan duration, CancellationToken cancellationToken, string? recordsDatabase = null)
    {
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        using var directory = new TempDirectory("bench-alerts");
        var facilityFile = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facilityFile, Facility(), cancellationToken);
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" };
        if (recordsDatabase is not null)
        {
            settings["Records:Provider"] = "Postgres";
            settings["Records:ConnectionString"] = recordsDatabase;
        }
        await using var app = BenchmarkService.Build(broker, influx, directory, facilityFile, settings);
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<ExcursionEngine>().Ready.WaitAsync(cancellationToken);
        await app.Services.GetRequiredService<MqttClient>().WaitUntilConnectedAsync(cancellationToken);

        await using var load = await ConnectAsync(broker, "bench-load", null, cancellationToken);
        await using var probe = await ConnectAsync(broker, "bench-probe", null, cancellationToken);
        await using var alerts = await ConnectAsync(broker, "bench-alerts", "cleanroom/bench/alerts/#", cancellationToken);
        await using var ping = await ConnectAsync(broker, "bench-ping", "bench/ping", cancellationToken);

        // The service's own share, from its alert latency histogram (the service runs in this process).
        var inService = new List<(DateTimeOffset At, double Milliseconds)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "cleanroom.alert.latency")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            lock (inService)
            {
                inService.Add((DateTimeOffset.UtcNow, seconds * 1000));
            }
        });
        listener.Start();

        var sent = new ConcurrentDictionary<string, DateTimeOffset>();
        var alertLatencies = new List<(DateTimeOffset SentAt, double Milliseconds)>();
        var pingLatencies = new List<(DateTimeOffset SentAt, double Milliseconds)>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var collectAlerts = Task.Run(async () =>
        {
            await foreach (var message in alerts.Messages.ReadAllAsync(stop.Token))
            {
                using var json = JsonDocument.Parse(message.Payload);
                var sensor = json.RootElement.GetProperty("sensor").GetString()!;
                if (json.RootElement.GetProperty("action").GetString() == "raised" && sent.TryRemove(sensor, out var at))
                {
                    alertLatencies.Add((at, (message.ReceivedAt - at).TotalMilliseconds));
                }
            }
        }, CancellationToken.None);
        var collectPings = Task.Run(async () =>
        {
            await foreach (var message in ping.Messages.ReadAllAsync(stop.Token))
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(0).AddTicks(long.Parse(Encoding.UTF8.GetString(message.Payload.Span), CultureInfo.InvariantCulture));
                pingLatencies.Add((at, (message.ReceivedAt - at).TotalMilliseconds));
            }
        }, CancellationToken.None);

        var start = DateTimeOffset.UtcNow;
        var measuredFrom = start + WarmUp;
        var published = 0L;
        var tick = 0;
        var probesPerTick = (int)(ProbeInterval / TimeSpan.FromMilliseconds(10));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        while (DateTimeOffset.UtcNow - start < WarmUp + duration && await timer.WaitForNextTickAsync(cancellationToken))
        {
            // Keep the offered load on schedule even when a tick comes late.
            var due = (long)((DateTimeOffset.UtcNow - start).TotalSeconds * ratePerSecond);
            for (; published < due; published++)
            {
                var sensor = published % LoadSensors;
                load.Publish($"cleanroom/bench/r{sensor % 10}/s{sensor}", Encoding.UTF8.GetBytes(
                    $$$"""{"ts":"{{{DateTimeOffset.UtcNow:O}}}","values":{"temperature":{{{20 + sensor % 3}}}}}"""), 1, false);
            }
            if (++tick % probesPerTick == 0)
            {
                // Every 50 ms one probe sensor breaches while the previous one returns to normal.
                var p = tick / probesPerTick % Probes;
                var previous = (p + Probes - 1) % Probes;
                probe.Publish($"cleanroom/bench/probes/p{previous}", Encoding.UTF8.GetBytes($$$"""{"values":{"temperature":20}}"""), 1, false);
                sent[$"p{p}"] = DateTimeOffset.UtcNow;
                probe.Publish($"cleanroom/bench/probes/p{p}", Encoding.UTF8.GetBytes($$$"""{"values":{"temperature":31}}"""), 1, false);
                ping.Publish("bench/ping", Encoding.UTF8.GetBytes((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks.ToString(CultureInfo.InvariantCulture)), 1, false);
            }
        }
        // Measured, not waited on: alerts later than a second after the last probe count as missing, as the summary says.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(collectAlerts.ContinueWith(_ => { }, TaskScheduler.Default), collectPings.ContinueWith(_ => { }, TaskScheduler.Default));
        await app.StopAsync(cancellationToken);

        var cold = alertLatencies.Count > 0 ? alertLatencies.MinBy(a => a.SentAt).Milliseconds : double.NaN;
        return new Result(published / (WarmUp + duration).TotalSeconds, Measured(alertLatencies, measuredFrom), Measured(pingLatencies, measuredFrom),
            sent.Count, cold, Measured(inService, measuredFrom));
    }

    private static List<double> Measured(List<(DateTimeOffset SentAt, double Milliseconds)> samples, DateTimeOffset from)
    {
        var measured = samples.Where(s => s.SentAt >= from).Select(s => s.Milliseconds).ToList();
        measured.Sort();
        return measured;
    }

    private static void Print(string name, IReadOnlyList<double> samples, string what)
    {
        if (samples.Count == 0)
        {
            Console.WriteLine($"  {name,-18} no samples");
            return;
        }
        double At(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        Console.WriteLine($"  {name,-18} p50 {At(0.5),7:F2} ms   p99 {At(0.99),7:F2} ms   max {samples[^1],7:F2} ms   n={samples.Count}   {what}");
    }

    private static async Task<MqttClient> ConnectAsync(MosquittoProcess broker, string id, string? subscribe, CancellationToken cancellationToken)
    {
        var client = new MqttClient(new MqttClientOptions { Port = broker.Port, ClientId = id, CleanSession = true, MaxInflight = 1000, InboxCapacity = 100_000 },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        if (subscribe is not null)
        {
            client.Subscribe(subscribe, 1);
        }
        client.Start();
        await client.WaitUntilConnectedAsync(cancellationToken);
        return client;
    }

    private static string Facility()
    {
        var json = new StringBuilder("""{ "site": { "id": "bench", "name": "Benchmark", "timeZone": "UTC" }, "rooms": [""");
        json.AppendJoin(",", Enumerable.Range(0, 10).Select(r => "{ \"id\": \"r" + r + "\", \"name\": \"Room " + r + "\", \"grade\": \"C\" }"));
        json.Append(""", { "id": "probes", "name": "Probes", "grade": "C", "limits": { "temperature": { "alert": 30, "action": 35 } } }], "sensors": [""");
        json.AppendJoin(",", Enumerable.Range(0, LoadSensors).Select(s => "{ \"id\": \"s" + s + "\", \"room\": \"r" + (s % 10) + "\", \"parameters\": [\"temperature\"], \"interval\": \"1s\" }"));
        json.Append(',');
        json.AppendJoin(",", Enumerable.Range(0, Probes).Select(p => "{ \"id\": \"p" + p + "\", \"room\": \"probes\", \"parameters\": [\"temperature\"], \"interval\": \"1s\", \"gapAfter\": \"1h\" }"));
        return json.Append("]}").ToString();
    }
}
