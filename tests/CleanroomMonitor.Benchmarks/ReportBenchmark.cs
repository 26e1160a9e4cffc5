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
/// 5 s). Fills a real influxd through <see cref="InfluxClient"/> (5,000-point gzip batches, the oldest day first, each
/// through the <see cref="RollupLedger"/> as the forwarder writes), rolls the hours up (<see cref="HourlyRollups"/>: what
/// the service does hour by hour as they end, timed apart), then times <see cref="BatchReportBuilder.BuildAsync"/> and
/// checks its figures against one build from raw points only. Writing 36 million points may not fit the write budget on a
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
            // No background roll-up while the history is written: the explicit catch-up below is timed instead.
            ["Reports:RollupPoll"] = "00:00:00",
            ["Reports:RollupBackfill"] = TimeSpan.FromDays(days + 1).ToString(),
        });
        await app.StartAsync(cancellationToken);
        var client = app.Services.GetRequiredService<InfluxClient>();
        var ledger = app.Services.GetRequiredService<RollupLedger>();
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
            written += await WriteDayAsync(client, ledger, start.AddDays(daysWritten), sensors, interval, cancellationToken);
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

        clock.Restart();
        var hoursRolled = await app.Services.GetRequiredService<HourlyRollups>().CatchUpAsync(cancellationToken);
        var rollupTime = clock.Elapsed;

        var builder = app.Services.GetRequiredService<BatchReportBuilder>();
        var times = new List<TimeSpan>();
        BatchReport? report = null;
        for (var run = 0; run < 3; run++)
        {
            clock.Restart();
            report = await builder.BuildAsync(batch, "bench", cancellationToken);
            times.Add(clock.Elapsed);
        }
        clock.Restart();
        var raw = await RawBuilder(app).BuildAsync(batch, "bench", cancellationToken);
        var rawTime = clock.Elapsed;
        var differences = Differences(report!, raw);
        var samples = report!.Statistics.Sum(s => s.Samples);
        var alert = report.Statistics.Sum(s => s.AlertSamples);
        var action = report.Statistics.Sum(s => s.ActionSamples);
        var full = perDay * days;
        Console.WriteLine($"  written             {written,14:N0} points in {writeTime.TotalSeconds:0.0} s ({written / writeTime.TotalSeconds:N0} points/s); full size {full:N0} points would take ~{full / (written / writeTime.TotalSeconds) / 60:0.0} min");
        Console.WriteLine($"  roll-up catch-up    {hoursRolled} hours in {rollupTime.TotalSeconds:0.0} s ({rollupTime.TotalMilliseconds / Math.Max(1, hoursRolled):0} ms per hour, paid once as each hour ends)");
        Console.WriteLine($"  report period       {daysWritten} days, {report.Statistics.Count} parameters, {report.Limits.Count} limit sets, {samples:N0} samples counted in InfluxDB ({alert:N0} alert, {action:N0} action)");
        Console.WriteLine($"  report build        first {times[0].TotalSeconds:0.00} s, then {times[1].TotalSeconds:0.00} s, {times[2].TotalSeconds:0.00} s (query parallelism {app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReportOptions>>().Value.QueryParallelism})");
        if (written < full)
        {
            var factor = (double)full / written;
            Console.WriteLine($"  extrapolated        full {days}-day batch: ~{times.Min().TotalSeconds * factor:0.0} s (best run x {factor:0.00}, assuming time grows with the points scanned)");
        }
        Console.WriteLine($"  raw-only build      {rawTime.TotalSeconds:0.00} s (Reports:UseRollups=false); figures {(differences.Count == 0 ? "identical" : "DIFFER: " + string.Join("; ", differences.Take(5)))}");
        Console.WriteLine($"  verdict             clear for release: {report.Verdict.ClearForRelease} ({string.Join("; ", report.Verdict.Reasons.Take(2))})");
        await app.StopAsync(cancellationToken);
        return samples == written && differences.Count == 0 ? 0 : 1;
    }

    /// <summary>One day of every sensor, time-ordered, as 5,000-point line-protocol batches written by a few writers.</summary>
    private static async Task<long> WriteDayAsync(InfluxClient client, RollupLedger ledger, DateTimeOffset day, int sensors, TimeSpan interval, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Writers * 2) { SingleWriter = true });
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            await foreach (var body in channel.Reader.ReadAllAsync(cancellationToken))
            {
                var hours = RollupLedger.HoursOf(Lines(body));
                using (await ledger.EnterAsync(hours, cancellationToken))
                {
                    await client.WriteAsync(body, cancellationToken);
                }
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

    /// <summary>The same report, every figure aggregated from raw points (the reference the roll-ups must equal).</summary>
    private static BatchReportBuilder RawBuilder(WebApplication app)
    {
        var services = app.Services;
        var rawOptions = Microsoft.Extensions.Options.Options.Create(new ReportOptions { UseRollups = false });
        var facility = services.GetRequiredService<CleanroomMonitor.Core.Facility.FacilityDefinition>();
        var records = services.GetRequiredService<CleanroomMonitor.Core.Records.IRecordStore>();
        var aggregates = new ReadingAggregates(services.GetRequiredService<InfluxClient>(), facility, services.GetRequiredService<HourlyRollups>(), rawOptions);
        return new BatchReportBuilder(facility, records, services.GetRequiredService<CleanroomMonitor.Core.Notifications.INotificationRecords>(), new ReportFigures(facility, records, aggregates, rawOptions), TimeProvider.System,
            services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BatchReportBuilder>>());
    }

    /// <summary>Every statistic that differs; means may differ only by the order of floating-point summation (1e-12 relative).</summary>
    private static List<string> Differences(BatchReport rolled, BatchReport raw)
    {
        var differences = new List<string>();
        foreach (var (a, b) in rolled.Statistics.Zip(raw.Statistics))
        {
            if (a with { Mean = null } != b with { Mean = null } || (a.Mean is null) != (b.Mean is null)
                || (a.Mean is { } x && b.Mean is { } y && Math.Abs(x - y) > 1e-12 * Math.Max(1, Math.Abs(y))))
            {
                differences.Add($"{a.Sensor}/{a.Parameter}: {a} vs {b}");
            }
        }
        differences.AddRange(rolled.Completeness.Zip(raw.Completeness).Where(p => p.First != p.Second).Select(p => $"completeness {p.First.Sensor}"));
        return differences;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(byte[] body)
    {
        var start = 0;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i == body.Length || body[i] == (byte)'\n')
            {
                if (i > start)
                {
                    yield return body.AsMemory(start, i - start);
                }
                start = i + 1;
            }
        }
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
