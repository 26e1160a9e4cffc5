using System.Globalization;
using CleanroomMonitor.Benchmarks.LiveBoard;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.SiteLoad;

/// <summary>What a real site feels (issue 23): the demo facility, a six-room centre at its configured intervals (tens of
/// MQTT readings a second and its Modbus devices polled), and the service's CPU and memory over a window with nobody
/// looking. On a small VM this, not the ceiling, is the cost that matters.</summary>
internal static class SiteLoadBenchmark
{
    /// <summary>The just-in-time compiler's second tier recompiles hot methods for a while after start-up: outside the window.
    /// At a site's load methods get hot slowly, so a longer settle shows the cost of the months that follow.</summary>
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(TimeSpan hold, TimeSpan settle, CancellationToken cancellationToken)
    {
        Console.WriteLine($"site-load benchmark: the demo facility at its configured intervals for {hold.TotalSeconds:0} s; mosquitto, influxd, " +
            $"the Modbus simulator and the service (own process) on loopback ({Environment.ProcessorCount} cores)");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        var run = await MeasureAsync(broker, influx, hold, settle, cancellationToken);
        run.Print(Console.Out);
        return 0;
    }

    public static async Task<SiteLoadRun> MeasureAsync(MosquittoProcess broker, InfluxProcess influx, TimeSpan hold, TimeSpan settle,
        CancellationToken cancellationToken)
    {
        await using var site = await DemoSite.StartAsync(broker, influx, "siteload", null, cancellationToken);
        var readyRss = site.Service.RssBytes();
        await Task.Delay(settle, cancellationToken);
        var accepted = await site.Service.MetricAsync("cleanroom_readings_accepted_total", cancellationToken);
        var window = await site.MeasureWindowAsync(hold, cancellationToken);
        var acceptedAfter = await site.Service.MetricAsync("cleanroom_readings_accepted_total", cancellationToken);
        return new SiteLoadRun(site.Facility.Sensors.Count, site.Traffic.Sensors, settle, window, (acceptedAfter - accepted) / window.Elapsed.TotalSeconds,
            readyRss, site.Service.RssBytes(), site.Service.PeakRssBytes());
    }
}

/// <param name="AcceptedPerSecond">Readings the service accepted per second in the window (MQTT and Modbus).</param>
internal sealed record SiteLoadRun(int Sensors, int MqttSensors, TimeSpan Settle, CpuWindow Window, double AcceptedPerSecond, long ReadyRssBytes, long RssBytes, long PeakRssBytes)
{
    public double CpuPercent => Window.ServicePercent;

    public double RssMegabytes => RssBytes / 1048576.0;

    public void Print(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"demo facility: {Sensors} sensors ({MqttSensors} over MQTT, {Sensors - MqttSensors} polled over Modbus TCP); {AcceptedPerSecond:F1} readings/s accepted"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"service CPU over {Window.Elapsed.TotalSeconds:F0} s from {Settle.TotalSeconds:F0} s after ready: {CpuPercent:F2} % of one core (target ≤ 2); whole machine busy {Window.MachineBusy:P0} of {Environment.ProcessorCount} cores"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"service RSS: {RssMegabytes:F0} MB at the end (target ≤ 120), {ReadyRssBytes / 1048576.0:F0} MB when ready, peak {PeakRssBytes / 1048576.0:F0} MB"));
    }
}
