using System.Globalization;
using CleanroomMonitor.Benchmarks.Notifications;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>The whole benchmark suite of the reliability issue in one run: the broker's ceiling, the highest offered
/// rate the service holds with zero loss (and its CPU and memory there), the InfluxDB write path, backlog drain,
/// memory with 10,000 sensors, alert latency, notification delivery (latency, a burst, a burst with a SIGKILL), Modbus polling and Sparkplug B ingest. Prints a table and writes it as JSON and CSV.</summary>
internal static class SuiteBenchmark
{
    private const int Sensors = 2000;
    private const int Gateways = 4;
    private const double Step = 5000;

    public static async Task<int> RunAsync(bool quick, string outputFolder, CancellationToken cancellationToken)
    {
        var hold = TimeSpan.FromSeconds(quick ? 20 : 60);
        var probe = TimeSpan.FromSeconds(quick ? 8 : 15);
        Console.WriteLine($"benchmark suite ({(quick ? "quick" : "full")}): all servers on loopback on this machine ({Environment.ProcessorCount} cores); the service runs as its own process");
        var table = new BenchmarkTable();
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        using var directory = new TempDirectory("bench-suite");

        var ceiling = await BrokerCeiling.MeasureAsync(broker, BenchFacility.Topics(Sensors), Gateways, probe, cancellationToken);
        table.Add("broker alone, QoS 1 to one plain subscriber", ceiling, "messages/s", note: $"{Gateways} publishing connections, one MQTTnet subscriber");

        var ingest = new SustainedIngest(broker, influx, directory, Sensors, Gateways);
        var held = await FindHeldRateAsync(ingest, ceiling, probe, hold, cancellationToken);
        if (held is null)
        {
            table.Add("sustained MQTT ingest, zero loss", 0, "readings/s", "≥ 45,000", false, "no offered rate was held");
        }
        else
        {
            table.Add($"sustained MQTT ingest, zero loss, {hold.TotalSeconds:0} s", held.OfferedRate, "readings/s", "≥ 45,000", held.OfferedRate >= 45_000,
                $"{held.Published:N0} published = {held.Stored:N0} in InfluxDB; {held.OfferedRate / ceiling:P0} of the broker's ceiling (target ≥ 50 %)");
            table.Add("  service CPU per reading at that rate", held.CpuMicrosecondsPerReading, "µs", "≤ 10", held.CpuMicrosecondsPerReading <= 10,
                "user+system time of the service process / readings, after a warm-up");
            var floor = await PlainSubscriberFloor.CpuMicrosecondsPerMessageAsync(broker, BenchFacility.Topics(Sensors), Gateways, held.OfferedRate, probe, cancellationToken);
            table.Add("  a plain subscriber's CPU per message, same rate (the floor)", floor, "µs",
                note: $"mosquitto_sub, QoS 1, payloads to a pipe; the service spends {held.CpuMicrosecondsPerReading / floor:F1}× this");
            table.Add("  service peak RSS at that rate", held.PeakRssBytes / 1048576.0, "MB", note: $"{Sensors:N0} sensors; {held.ReadyRssBytes / 1048576.0:F0} MB when ready");
        }

        var (server, writer) = await InfluxWritePath.MeasureAsync(influx, quick ? 200_000 : 500_000, 5000, cancellationToken);
        table.Add("InfluxDB server ceiling, one writer, 5k-point batches", server, "points/s", note: "plain POSTs of prepared line protocol");
        table.Add("  the service's InfluxDB writer, same batches", writer, "points/s", note: $"{writer / server:P0} of the ceiling (gzip on, as configured by default)");

        var drain = await BacklogDrain.MeasureAsync(broker, influx, directory, Sensors, 30_000, TimeSpan.FromSeconds(quick ? 8 : 20), 5000, cancellationToken);
        table.Add("backlog drain while live ingest continues", drain.DrainRate, "points/s", "≥ 100,000", drain.DrainRate >= 100_000,
            $"{drain.Backlog:N0} buffered during an InfluxDB outage, drained in {drain.DrainTime.TotalSeconds:F1} s beside 5,000/s live; {drain.Stored:N0} of {drain.Published:N0} stored");

        var memory = await new SustainedIngest(broker, influx, directory, 10_000, Gateways).RunAsync(10_000, TimeSpan.FromSeconds(quick ? 15 : 30), cancellationToken);
        table.Add("peak RSS with 10,000 sensors at 1 reading/s each", memory.PeakRssBytes / 1048576.0, "MB", "≤ 200", memory.PeakRssBytes <= 200L * 1048576,
            $"{memory.ReadyRssBytes / 1048576.0:F0} MB when ready; managed heap up to {memory.PeakHeapBytes / 1048576.0:F0} MB (at the end {memory.HeapGenerations}); {memory.CpuMicrosecondsPerReading:F0} µs CPU/reading");

        var alerts = await AlertLatencyBenchmark.MeasureAsync(5000, TimeSpan.FromSeconds(quick ? 20 : 60), cancellationToken);
        table.Add("alert latency p50 at 5,000 readings/s", alerts.AlertAt(0.5), "ms", note: "publish of a breaching reading → 'raised' on the alert topic");
        table.Add("alert latency p99 at 5,000 readings/s", alerts.AlertAt(0.99), "ms", "≤ 10", alerts.AlertAt(0.99) <= 10,
            $"max {(alerts.Alert.Count > 0 ? alerts.Alert[^1] : double.NaN):F1} ms over {alerts.Alert.Count} alerts; broker floor p99 {alerts.FloorAt(0.99):F2} ms per hop");

        await NotificationRows.AddAsync(table, broker, influx, cancellationToken);

        var modbus = await ModbusBenchmark.MeasureAsync(500, 10, quick ? 20 : 60, cancellationToken);
        table.Add("Modbus: 500 devices, 10 TCP servers, 1 s polls: missed", modbus.Missed, "polls", "0", modbus.Missed == 0,
            $"{modbus.Polls:N0} polls, {modbus.Failures:N0} failed; {modbus.Stored:N0} of {modbus.Polled:N0} readings stored; records read twice {modbus.ReadTwice:N0}, skipped {modbus.Skipped:N0}");
        table.Add("  poll-period jitter p99", modbus.JitterP99, "ms", note: $"p50 {modbus.JitterP50:F2} ms");
        table.Add("  service CPU while polling", modbus.CpuPercent, "% of a core", "≤ 25", modbus.CpuPercent <= 25, "in-process service, whole process");

        var sparkplug = await SparkplugBenchmark.MeasureAsync(quick ? 100_000 : 200_000, 10, 20, cancellationToken);
        table.Add("Sparkplug B ingest, end to end", sparkplug.ReadingsPerSecond, "readings/s",
            note: $"10 edge nodes x 20 metrics per NDATA; {sparkplug.Stored:N0} of {sparkplug.Readings:N0} in InfluxDB, {sparkplug.Rejected} rejected");

        var site = await SiteLoad.SiteLoadBenchmark.MeasureAsync(broker, influx, quick ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(60),
            SiteLoad.SiteLoadBenchmark.DefaultSettle, cancellationToken);
        table.Add("site load: demo facility at its intervals, service CPU", site.CpuPercent, "% of a core", "≤ 2", site.CpuPercent <= 2,
            $"{site.AcceptedPerSecond:F1} readings/s accepted ({site.MqttSensors} MQTT sensors, {site.Sensors - site.MqttSensors} Modbus), {site.Window.Elapsed.TotalSeconds:F0} s, nobody looking");
        table.Add("  service RSS at site load", site.RssMegabytes, "MB", "≤ 120", site.RssMegabytes <= 120,
            $"{site.ReadyRssBytes / 1048576.0:F0} MB when ready, peak {site.PeakRssBytes / 1048576.0:F0} MB");
        var board = await LiveBoard.LiveBoardBenchmark.MeasureAsync(broker, influx, 20, hold, quick ? 3 : 5, cancellationToken);
        table.Add("live board: first render, median", board.RenderMedianMs, "ms", note: $"demo facility in headless Chromium, to the first SSE snapshot on screen; max {board.RenderMaxMs:F0} ms");
        table.Add("  service CPU with 20 boards open", board.Open.ServicePercent, "% of a core", note: $"{board.BaselinePercent:F1} % with none; {board.Updates.Min()} updates per board in {hold.TotalSeconds:0} s");

        table.Print(Console.Out);
        await table.WriteAsync(outputFolder, new Dictionary<string, string>
        {
            ["mode"] = quick ? "quick" : "full",
            ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
            ["machine"] = Environment.MachineName,
            ["at"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        }, cancellationToken);
        return 0;
    }

    /// <summary>Probes upwards in steps from half the broker's ceiling until a rate is not held, then confirms the
    /// best one over the full hold time, stepping down if the confirmation fails.</summary>
    private static async Task<IngestRun?> FindHeldRateAsync(SustainedIngest ingest, double ceiling, TimeSpan probe, TimeSpan hold, CancellationToken cancellationToken)
    {
        var rate = Math.Max(Step, Math.Floor(ceiling / 2 / Step) * Step);
        double best = 0;
        while (rate <= ceiling)
        {
            var run = await ingest.RunAsync(rate, probe, cancellationToken);
            ExploreCommands.Print(run);
            if (!run.Held)
            {
                break;
            }
            best = rate;
            rate += Step;
        }
        for (var candidate = best > 0 ? best : rate - Step; candidate >= Step; candidate -= Step)
        {
            var run = await ingest.RunAsync(candidate, hold, cancellationToken);
            ExploreCommands.Print(run);
            if (run.Held)
            {
                return run;
            }
        }
        return null;
    }
}
