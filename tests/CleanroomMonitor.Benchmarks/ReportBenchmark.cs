using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.Benchmarks;

/// <summary>The batch EM report at scale (issue 7, Performance: a 7-day batch of 60 sensors at 1 reading/s, target under
/// 5 s). Fills a real influxd through <see cref="InfluxClient"/> (5,000-point gzip batches, the oldest day first) and
/// then times <see cref="BatchReportBuilder.BuildAsync"/>. Writing 36 million points may not fit the write budget on a
/// small machine: the benchmark then stops after the last whole day that fits, times the report for that period, and
/// prints the extrapolation to the full size beside the measured figures.</summary>
internal static class ReportBenchmark
{
    private const int BatchPoints = 5000;
    private const int Writers = 3;

    public static async Task<int> RunAsync(int sensors, int days, TimeSpan interval, TimeSpan writeBudget, CancellationToken cancellationToken)
    {
        var perDay = (long)(TimeSpan.FromDays(1) / interval) * sensors;
        Console.WriteLine($"report benchmark: {sensors} sensors x {days} days at one reading per {interval.TotalSeconds:0.###} s = {perDay * days:N0} points; write budget {writeBudget}");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        using var directory = new TempDirectory("bench-report");
        var facilityFile = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facilityFile, Facility(sensors, interval), cancellationToken);
        await using var app = BenchmarkService.Build(broker, influx, directory, facilityFile, new Dictionary<string, string?>
        {
            ["Influx:RequestTimeout"] = "00:02:00",
        });
        await app.StartAsync(cancellationToken);
        var client = app.Services.GetRequiredService<InfluxClient>();
        var engine = app.Services.GetRequiredService<ExcursionEngine>();
        await engine.Ready.WaitAsync(cancellationToken);

        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(-days);
        var rooms = Enumerable.Range(0, RoomCount(sensors)).Select(r => $"r{r}").ToList();
        var (batch, problem) = await engine.StartBatchAsync(new BatchStart("BENCH-1", "bench product", "bench", rooms, "closed", start, "bench"), cancellationToken);
        if (batch is null)
        {
            Console.Error.WriteLine($"batch refused: {problem!.Message}");
            return 1;
        }

        // Writing: the oldest day first; stop after the last whole day that fits the budget.
        var clock = Stopwatch.StartNew();
        var written = 0L;
        var daysWritten = 0;
        for (; daysWritten < days; daysWritten++)
        {
            var remaining = days - daysWritten;
            if (daysWritten > 0 && clock.Elapsed + clock.Elapsed / daysWritten > writeBudget)
            {
                Console.WriteLine($"  write budget: {daysWritten} days written in {clock.Elapsed.TotalSeconds:0} s; the next day would pass {writeBudget}, {remaining} days left out");
                break;
            }
            written += await WriteDayAsync(client, start.AddDays(daysWritten), sensors, interval, cancellationToken);
            Console.WriteLine($"  day {daysWritten + 1}: {written:N0} points in {clock.Elapsed.TotalSeconds:0.0} s ({written / clock.Elapsed.TotalSeconds:N0} points/s)");
        }
        var writeTime = clock.Elapsed;
        var end = start.AddDays(daysWritten);
        (batch, problem) = await engine.EndBatchAsync(new BatchEnd("BENCH-1", end, "bench"), cancellationToken);
        if (batch is null)
        {
            Console.Error.WriteLine($"batch end refused: {problem!.Message}");
            return 1;
        }

        var builder = app.Services.GetRequiredService<BatchReportBuilder>();
        var times = new List<TimeSpan>();
        BatchReport? report = null;
        for (var run = 0; run < 3; run++)
        {
            clock.Restart();
            report = await builder.BuildAsync(batch, "bench", cancellationToken);
            times.Add(clock.Elapsed);
        }
        var samples = report!.Statistics.Sum(s => s.Samples);
        var alert = report.Statistics.Sum(s => s.AlertSamples);
        var action = report.Statistics.Sum(s => s.ActionSamples);
        var full = perDay * days;
        Console.WriteLine($"  written             {written,14:N0} points in {writeTime.TotalSeconds:0.0} s ({written / writeTime.TotalSeconds:N0} points/s); full size {full:N0} points would take ~{full / (written / writeTime.TotalSeconds) / 60:0.0} min");
        Console.WriteLine($"  report period       {daysWritten} days, {report.Statistics.Count} parameters, {report.Limits.Count} limit sets, {samples:N0} samples counted in InfluxDB ({alert:N0} alert, {action:N0} action)");
        Console.WriteLine($"  report build        first {times[0].TotalSeconds:0.00} s, then {times[1].TotalSeconds:0.00} s, {times[2].TotalSeconds:0.00} s (query parallelism {app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportOptions>>().Value.QueryParallelism})");
        if (written < full)
        {
            var factor = (double)full / written;
            Console.WriteLine($"  extrapolated        full {days}-day batch: ~{times.Min().TotalSeconds * factor:0.0} s (best run x {factor:0.00}, assuming time grows with the points scanned)");
        }
        Console.WriteLine($"  verdict             clear for release: {report.Verdict.ClearForRelease} ({string.Join("; ", report.Verdict.Reasons.Take(2))})");
        await app.StopAsync(cancellationToken);
        return samples == written ? 0 : 1;
    }

    /// <summary>One day of every sensor, time-ordered, as 5,000-point line-protocol batches written by a few writers.</summary>
    private static async Task<long> WriteDayAsync(InfluxClient client, DateTimeOffset day, int sensors, TimeSpan interval, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Writers * 2) { SingleWriter = true });
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            await foreach (var body in channel.Reader.ReadAllAsync(cancellationToken))
            {
                await client.WriteAsync(body, cancellationToken);
            }
        }, cancellationToken)).ToList();
        var lines = new StringBuilder(BatchPoints * 110);
        var count = 0L;
        var inBatch = 0;
        var steps = (long)(TimeSpan.FromDays(1) / interval);
        var t0 = day.ToUnixTimeMilliseconds();
        for (var step = 0L; step < steps; step++)
        {
            var ms = t0 + (long)(step * interval.TotalMilliseconds);
            for (var s = 0; s < sensors; s++)
            {
                var n = step * sensors + s;
                // Mostly 20-21 °C; now and then an alert sample (23.5) and rarely an action sample (25.5).
                var value = n % 10_007 == 0 ? 25.5 : n % 997 == 0 ? 23.5 : 20 + (n % 101) / 100.0;
                lines.Append(CultureInfo.InvariantCulture, $"reading,grade=C,parameter=temperature,room=r{s % RoomCount(sensors)},sensor=s{s},site=bench value={value},faults=0i {ms}\n");
                count++;
                if (++inBatch == BatchPoints)
                {
                    await channel.Writer.WriteAsync(Encoding.UTF8.GetBytes(lines.ToString()), cancellationToken);
                    lines.Clear();
                    inBatch = 0;
                }
            }
        }
        if (inBatch > 0)
        {
            await channel.Writer.WriteAsync(Encoding.UTF8.GetBytes(lines.ToString()), cancellationToken);
        }
        channel.Writer.Complete();
        await Task.WhenAll(writers);
        return count;
    }

    private static int RoomCount(int sensors) => Math.Max(1, sensors / 10);

    private static string Facility(int sensors, TimeSpan interval)
    {
        var milliseconds = ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var json = new StringBuilder("""{ "site": { "id": "bench", "name": "Benchmark", "timeZone": "Europe/Berlin" }, "rooms": [""");
        json.AppendJoin(",", Enumerable.Range(0, RoomCount(sensors)).Select(r =>
            "{ \"id\": \"r" + r + "\", \"name\": \"Room " + r + "\", \"grade\": \"C\", \"limits\": { \"temperature\": { \"alert\": { \"low\": 18, \"high\": 23 }, \"action\": { \"low\": 16, \"high\": 25 } } } }"));
        json.Append("""], "sensors": [""");
        json.AppendJoin(",", Enumerable.Range(0, sensors).Select(s =>
            "{ \"id\": \"s" + s + "\", \"room\": \"r" + (s % RoomCount(sensors)) + "\", \"parameters\": [\"temperature\"], \"interval\": \"" + milliseconds + "ms\", \"gapAfter\": \"1d\" }"));
        return json.Append("]}").ToString();
    }
}
