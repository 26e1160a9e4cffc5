using System.Globalization;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Benchmarks.Suite;

/// <summary>The service in a process of its own, as it runs in production, so that its CPU time and peak memory can
/// be read from /proc without the load generator's share mixed in. Its figures come from its anonymous /metrics.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly ServerProcess _process;
    private readonly HttpClient _http;

    private ServiceProcess(ServerProcess process, HttpClient http)
    {
        _process = process;
        _http = http;
    }

    public string Output => _process.Output;

    /// <summary>Where the service listens (loopback, a free port).</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Starts the service's own assembly (copied next to the benchmarks) with <paramref name="settings"/> on a free
    /// loopback port, and waits until /readyz answers (broker connected, InfluxDB reachable).</summary>
    public static async Task<ServiceProcess> StartAsync(ServiceSettings settings, CancellationToken cancellationToken)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var process = await ServiceExecutable.StartAsync(settings with { Listen = address.ToString().TrimEnd('/') }, TimeSpan.FromSeconds(60), cancellationToken);
        return new ServiceProcess(process, new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) });
    }

    /// <summary>User + system CPU time the process has used so far (/proc/&lt;pid&gt;/stat).</summary>
    public TimeSpan CpuTime() => ProcessCpu.Of(_process.Id);

    /// <summary>Peak resident set size so far (VmHWM), in bytes.</summary>
    public long PeakRssBytes() => StatusField("VmHWM:");

    /// <summary>Current resident set size (VmRSS), in bytes.</summary>
    public long RssBytes() => StatusField("VmRSS:");

    /// <summary>A counter or gauge from /metrics (its value summed over all label sets), or 0 while it is absent.</summary>
    public async Task<double> MetricAsync(string name, CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        double sum = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            {
                sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return sum;
    }

    /// <summary>The /metrics lines of one family, for printing.</summary>
    public async Task<IReadOnlyList<string>> MetricLinesAsync(string name, CancellationToken cancellationToken)
    {
        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative), cancellationToken);
        return [.. text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal))];
    }

    /// <summary>SIGTERM (a clean shutdown that drains), or SIGKILL when <paramref name="kill"/>.</summary>
    public Task StopAsync(bool kill = false) => _process.StopAsync(kill);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private long StatusField(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }
}
