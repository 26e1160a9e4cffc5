using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.Benchmarks;

/// <summary>Modbus polling at scale: simulated devices on several TCP servers (the simulator in its own process),
/// polled by the service every second; prints poll-period jitter, missed polls, the service process's CPU and the
/// readings stored in InfluxDB against the readings polled.</summary>
internal static class ModbusBenchmark
{
    public sealed record Result(long Polls, long Failures, long Missed, double JitterP50, double JitterP99, double JitterMax, int Periods,
        double CpuPercent, long Samples, long Polled, long Stored, long Rejected, TimeSpan Wall, long ReadTwice, long Skipped, long Commands);

    public static async Task<int> RunAsync(int devices, int servers, int seconds, CancellationToken cancellationToken)
    {
        Console.WriteLine($"modbus benchmark: {devices} devices on {servers} TCP servers, each polled every 1 s for {seconds} s; simulator in its own process, all on loopback");
        var r = await MeasureAsync(devices, servers, seconds, cancellationToken);
        Console.WriteLine($"  polls                      {r.Polls,10:N0}   ({r.Polls / r.Wall.TotalSeconds:N0}/s; failed {r.Failures:N0})");
        Console.WriteLine($"  poll-period jitter p50     {r.JitterP50,10:F2} ms   |period − 1 s| over {r.Periods:N0} periods");
        Console.WriteLine($"  poll-period jitter p99     {r.JitterP99,10:F2} ms   (max {r.JitterMax:F2} ms)");
        Console.WriteLine($"  missed polls               {r.Missed,10:N0}");
        Console.WriteLine($"  service CPU                {r.CpuPercent,10:F1} %   of one core (in-process service)");
        Console.WriteLine($"  samples polled             {r.Samples,10:N0}");
        Console.WriteLine($"  readings polled            {r.Polled,10:N0}");
        Console.WriteLine($"  readings stored (InfluxDB) {r.Stored,10:N0}   rejected {r.Rejected:N0}");
        Console.WriteLine($"  records read twice         {r.ReadTwice,10:N0}   (met again in a shifting buffer, not handed on twice)");
        Console.WriteLine($"  records skipped            {r.Skipped,10:N0}   (gone from a device's buffer: data-gap records)");
        Console.WriteLine($"  commands sent              {r.Commands,10:N0}   (start commands to counters found stopped)");
        var exact = r.Stored == r.Polled && r.Rejected == 0 && r.Skipped == 0;
        Console.WriteLine(exact
            ? $"  every polled reading stored exactly once: {r.Stored:N0} of {r.Polled:N0}"
            : $"  NOT every polled reading stored: {r.Stored:N0} stored of {r.Polled:N0} polled, {r.Skipped:N0} records skipped");
        return exact ? 0 : 1;
    }

    public static async Task<Result> MeasureAsync(int devices, int servers, int seconds, CancellationToken cancellationToken)
    {
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        using var directory = new TempDirectory("modbus-bench");
        var ports = Enumerable.Range(0, servers).Select(_ => FreePort.Next()).ToArray();
        var facilityFile = directory.Combine("facility.json");
        var modbusFile = directory.Combine("modbus.json");
        await File.WriteAllTextAsync(facilityFile, Facility(devices), cancellationToken);
        await File.WriteAllTextAsync(modbusFile, Connections(devices, ports), cancellationToken);

        var simulator = ServerProcess.Start("dotnet", [typeof(ModbusSimulation).Assembly.Location, "modbus", "--facility", facilityFile, "--modbus", modbusFile]);
        await using (simulator)
        {
            await simulator.WaitUntilReadyAsync(_ => Task.FromResult(simulator.Output.Split('\n').Count(l => l.Contains("Serving Modbus connection", StringComparison.Ordinal)) == servers),
                TimeSpan.FromSeconds(30), cancellationToken);

            var periods = new List<double>(devices * seconds);
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ModbusMetrics.MeterName && instrument.Name == "cleanroom.modbus.poll.period")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
            {
                lock (periods)
                {
                    periods.Add(value);
                }
            });
            listener.Start();

            await using var app = BenchmarkService.Build(broker, influx, directory, facilityFile, new Dictionary<string, string?>
            {
                ["Modbus:File"] = modbusFile,
                // Once the simulator stops at the end, every device logs its loss of communication: not benchmark output.
                ["Logging:LogLevel:CleanroomMonitor.Modbus"] = "Critical",
                ["Logging:LogLevel:CleanroomMonitor.Service.Evaluation"] = "Error",
            });
            var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await app.StartAsync(cancellationToken);
            var metrics = app.Services.GetRequiredService<ModbusMetrics>();
            var statistics = app.Services.GetRequiredService<IngestStatistics>();
            // The run length is what is measured (polls and CPU per second), not a stand-in for a condition.
            await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
            self.Refresh();
            var cpu = self.TotalProcessorTime - cpuBefore;
            var wall = clock.Elapsed;
            var (polls, missed, failures, readings, samples) = (metrics.Polls, metrics.Missed, metrics.FailuresTotal, metrics.Values, metrics.Samples);
            await simulator.StopAsync();   // the devices go away; nothing new is polled from here on
            listener.Dispose();

            var client = app.Services.GetRequiredService<InfluxClient>();
            long stored = 0;
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                var result = await client.QueryAsync("SELECT count(\"value\") FROM \"reading\"", cancellationToken);
                stored = result.Series.Count == 0 ? 0 : result.Series[0].Get(0, "count").GetInt64();
                if (stored >= metrics.Values)
                {
                    break;
                }
                // A measuring loop: a shortfall after the deadline is reported in the figures, not thrown.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
            var polled = metrics.Values;
            var (readTwice, skipped, commands) = (metrics.RecordsReadTwice, metrics.RecordsSkipped, metrics.Commands);
            await app.StopAsync(cancellationToken);

            double[] jitter;
            lock (periods)
            {
                jitter = periods.Select(p => Math.Abs(p - 1000)).Order().ToArray();
            }
            return new Result(polls, failures, missed, Percentile(jitter, 0.50), Percentile(jitter, 0.99), jitter.LastOrDefault(), jitter.Length,
                cpu.TotalSeconds / wall.TotalSeconds * 100, samples, polled, stored, statistics.RejectedTotal, wall, readTwice, skipped, commands);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Round(p * (sorted.Length - 1)))];

    // A third each: particle counters (records, 1 s samples), differential pressure and temperature/RH transmitters.
    private static string Kind(int i) => (i % 3) switch { 0 => "pc", 1 => "dp", _ => "th" };

    private static string Facility(int devices)
    {
        var json = new StringBuilder("""{ "site": { "id": "mbench", "name": "Modbus benchmark", "timeZone": "UTC" }, "rooms": [""");
        const int rooms = 10;
        json.AppendJoin(",", Enumerable.Range(0, rooms).Select(r => $$"""{ "id": "r{{r}}", "name": "Room {{r}}", "grade": "C", "adjacent": ["r{{(r + 1) % rooms}}"{{(r == 0 ? "" : $", \"r{r - 1}\"")}}{{(r == rooms - 1 ? ", \"r0\"" : "")}}] }"""));
        json.Append("""], "sensors": [""");
        json.AppendJoin(",", Enumerable.Range(0, devices).Select(i => Kind(i) switch
        {
            "pc" => $$"""{ "id": "s{{i}}", "room": "r{{i % rooms}}", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "1s", "source": "modbus" }""",
            "dp" => $$"""{ "id": "s{{i}}", "room": "r{{i % rooms}}", "parameters": ["differential_pressure"], "reference": "r{{(i + 1) % rooms}}", "interval": "1s", "source": "modbus" }""",
            _ => $$"""{ "id": "s{{i}}", "room": "r{{i % rooms}}", "parameters": ["temperature", "relative_humidity"], "interval": "1s", "source": "modbus" }""",
        }));
        return json.Append("]}").ToString();
    }

    private static string Connections(int devices, int[] ports)
    {
        var json = new StringBuilder($$"""{ "profiles": "{{Path.Combine(RepositoryPaths.Root, "deploy", "config", "profiles")}}", "defaults": { "pollInterval": "1s", "responseTimeout": "500ms" }, "connections": [""");
        json.AppendJoin(",", ports.Select((port, server) =>
        {
            var units = Enumerable.Range(0, devices).Where(i => i % ports.Length == server).Select((i, n) =>
            {
                var profile = Kind(i) switch { "pc" => "lighthouse-remote-3104p", "dp" => "dp-transmitter-int16", _ => "vaisala-hmw90" };
                return $$"""{ "unitId": {{n + 1}}, "profile": "{{profile}}", "sensor": "s{{i}}" }""";
            });
            return $$"""{ "id": "srv{{server}}", "tcp": { "host": "127.0.0.1", "port": {{port}} }, "devices": [{{string.Join(",", units)}}] }""";
        }));
        return json.Append("]}").ToString();
    }
}
