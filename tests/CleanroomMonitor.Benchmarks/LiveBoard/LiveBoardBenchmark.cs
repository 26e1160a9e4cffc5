using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CleanroomMonitor.Benchmarks.Suite;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.TestSupport;
using Microsoft.Playwright;

namespace CleanroomMonitor.Benchmarks.LiveBoard;

/// <summary>The live board with the demo facility (issue 7): time to first render in headless Chromium, and the
/// service's CPU with many boards open receiving server-sent events against the same window with none open. The
/// service runs as its own process so that its CPU time comes from /proc without the browser's or the publisher's.</summary>
internal static class LiveBoardBenchmark
{
    private const string UserName = "bench-admin";

    public static async Task<int> RunAsync(int sessions, TimeSpan hold, int renders, CancellationToken cancellationToken)
    {
        Console.WriteLine($"live-board benchmark: demo facility, {sessions} boards for {hold.TotalSeconds:0} s, {renders} timed renders; " +
            $"mosquitto, influxd, the service (own process) and headless Chromium on loopback ({Environment.ProcessorCount} cores)");
        await using var broker = await MosquittoProcess.StartAsync(cancellationToken: cancellationToken);
        await using var influx = await InfluxProcess.StartAsync(cancellationToken);
        var run = await MeasureAsync(broker, influx, sessions, hold, renders, cancellationToken);
        run.Print(Console.Out);
        return run.Worked ? 0 : 1;
    }

    public static async Task<LiveBoardRun> MeasureAsync(MosquittoProcess broker, InfluxProcess influx, int sessions, TimeSpan hold, int renders,
        CancellationToken cancellationToken)
    {
        var loadAtStart = MachineCpu.LoadAverage();
        // A throw-away password that never appears on a command line; the account exists before the service starts.
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        await using var site = await DemoSite.StartAsync(broker, influx, "liveboard", (UserName, password), cancellationToken);
        var (facility, service, traffic) = (site.Facility, site.Service, site.Traffic);

        await using var browser = await BoardBrowser.LaunchAsync(service.BaseAddress, UserName, password);
        // The first board after start-up pays for the just-in-time compiler and the Razor page's first use: shown, not counted.
        var cold = await RenderOnceAsync(browser, cancellationToken);
        var timed = new List<BoardRender>(renders);
        for (var i = 0; i < renders; i++)
        {
            timed.Add(await RenderOnceAsync(browser, cancellationToken));
        }

        // The closed boards' streams end at once; the pause lets the just-in-time compiler's second tier, which
        // recompiles hot methods in the background for a while after start-up, finish outside the windows.
        await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
        var baseline = await site.MeasureWindowAsync(hold, cancellationToken);

        var pages = new List<IPage>(sessions);
        try
        {
            for (var i = 0; i < sessions; i++)
            {
                var page = await browser.SignInAsync(cancellationToken);
                pages.Add(page);
                await BoardBrowser.OpenBoardAsync(page, cancellationToken);
            }
            // Let the sign-ins' password hashing and the new connections settle out of the window.
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            var before = await Task.WhenAll(pages.Select(BoardBrowser.SnapshotsAsync));
            var open = await site.MeasureWindowAsync(hold, cancellationToken);
            var after = await Task.WhenAll(pages.Select(BoardBrowser.SnapshotsAsync));
            var live = await Task.WhenAll(pages.Select(BoardBrowser.IsLiveAsync));
            var updates = after.Zip(before, (a, b) => a - b).ToArray();
            await CloseAllAsync(pages);
            // A second window with none open: if the two baselines differ, so does the service's idle cost over the
            // run, and a difference with the boards open smaller than that is noise, not the boards.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var baselineAfter = await site.MeasureWindowAsync(hold, cancellationToken);
            return new LiveBoardRun(facility.Rooms.Count, facility.Sensors.Count, traffic.Sensors, cold, timed, baseline, open, baselineAfter, sessions,
                live.Count(l => l), updates, loadAtStart, MachineCpu.LoadAverage());
        }
        finally
        {
            await CloseAllAsync(pages);
        }
    }

    private static async Task CloseAllAsync(List<IPage> pages)
    {
        foreach (var page in pages)
        {
            await BoardBrowser.CloseAsync(page);
        }
        pages.Clear();
    }

    /// <summary>One signed-in user opening the board in a fresh context (cold browser cache, new connection).</summary>
    private static async Task<BoardRender> RenderOnceAsync(BoardBrowser browser, CancellationToken cancellationToken)
    {
        var page = await browser.SignInAsync(cancellationToken);
        try
        {
            return await BoardBrowser.OpenBoardAsync(page, cancellationToken);
        }
        finally
        {
            await BoardBrowser.CloseAsync(page);
        }
    }
}

/// <param name="ServiceCpu">User + system time of the service process in the window.</param>
/// <param name="Readings">Readings published in the window.</param>
/// <param name="MachineBusy">Share of all cores busy (any process) in the window, 0–1.</param>
internal sealed record CpuWindow(TimeSpan Elapsed, TimeSpan ServiceCpu, long Readings, double MachineBusy)
{
    /// <summary>The service's CPU as a percentage of one core.</summary>
    public double ServicePercent => ServiceCpu / Elapsed * 100;
}

/// <param name="Baseline">No board open, before the sessions.</param>
/// <param name="Open">The sessions' boards open.</param>
/// <param name="BaselineAfter">No board open again, after the sessions closed.</param>
internal sealed record LiveBoardRun(int Rooms, int Sensors, int MqttSensors, BoardRender Cold, IReadOnlyList<BoardRender> Renders, CpuWindow Baseline,
    CpuWindow Open, CpuWindow BaselineAfter, int Sessions, int SessionsLive, IReadOnlyList<int> Updates, string LoadAtStart, string LoadAtEnd)
{
    /// <summary>The service's CPU with no board open, % of one core: the mean of the windows before and after.</summary>
    public double BaselinePercent => (Baseline.ServicePercent + BaselineAfter.ServicePercent) / 2;

    public double RenderMedianMs => Median(Renders.Select(r => r.FrameMs));

    public double RenderMaxMs => Renders.Count == 0 ? double.NaN : Renders.Max(r => r.FrameMs);

    /// <summary>Every board opened (or the run would have thrown), and every session kept receiving updates to the end.</summary>
    public bool Worked => SessionsLive == Sessions && Updates.All(u => u > 0);

    public void Print(TextWriter output)
    {
        var last = Renders.Count > 0 ? Renders[^1] : Cold;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"demo facility: {Rooms} rooms, {Sensors} sensors ({MqttSensors} over MQTT at ~1 reading/s each, {Sensors - MqttSensors} polled over Modbus TCP from the simulator); board rows with a value: {last.RowsWithValue} of {last.Rows}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"time to first render (navigation start → first server-sent snapshot on the tiles, next frame), {Renders.Count} runs: median {RenderMedianMs:F0} ms, max {RenderMaxMs:F0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  snapshot applied: median {Median(Renders.Select(r => r.SnapshotMs)):F0} ms; first contentful paint of the server-rendered board: median {Median(Renders.Select(r => r.FirstContentfulPaintMs)):F0} ms; first board after start-up (not counted): {Cold.FrameMs:F0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"service CPU, {Open.Elapsed.TotalSeconds:F0} s windows, % of one core: no board open {Baseline.ServicePercent:F1} before and {BaselineAfter.ServicePercent:F1} after; " +
            $"{Sessions} boards open {Open.ServicePercent:F1} ({Open.ServicePercent - BaselinePercent:+0.0;-0.0} points against the mean baseline, {(Open.ServicePercent - BaselinePercent) / Math.Max(1, Sessions):+0.00;-0.00} per board)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  readings published in the windows: {Baseline.Readings:N0}, {Open.Readings:N0}, {BaselineAfter.Readings:N0}; whole machine busy {Baseline.MachineBusy:P0}, {Open.MachineBusy:P0}, {BaselineAfter.MachineBusy:P0} of {Environment.ProcessorCount} cores (Chromium's boards in the second)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SSE updates per session in the {Open.Elapsed.TotalSeconds:F0} s window: one session {(Updates.Count > 0 ? Updates[0] : 0)}; min {(Updates.Count > 0 ? Updates.Min() : 0)}, median {Median(Updates.Select(u => (double)u)):F0}, max {(Updates.Count > 0 ? Updates.Max() : 0)}; {SessionsLive} of {Sessions} sessions still live at the end"));
        output.WriteLine($"load average at start: {LoadAtStart}; at end: {LoadAtEnd}");
        if (!Worked)
        {
            output.WriteLine("NOT ALL SESSIONS KEPT RECEIVING UPDATES");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
