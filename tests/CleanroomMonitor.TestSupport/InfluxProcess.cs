using System.Globalization;
using System.Net;

namespace CleanroomMonitor.TestSupport;

/// <summary>A real InfluxDB 1.x (<c>/usr/bin/influxd</c>, Debian 1.6.7) on free loopback ports with its data in a
/// temporary folder. It can be stopped and started again on the same port and data, to play an outage.</summary>
public sealed class InfluxProcess : IAsyncDisposable
{
    private const string Executable = "/usr/bin/influxd";
    private const int MaxStartAttempts = 5;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _directory = new("influxd");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private ServerProcess? _server;
    private int _httpPort;

    private InfluxProcess()
    {
    }

    /// <summary>The HTTP API address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Url => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{_httpPort}"));

    /// <summary>What influxd printed (warnings and errors only: logging level is warn).</summary>
    public string Output => _server?.Output ?? "";

    public bool IsRunning => _server is { HasExited: false };

    /// <summary>Starts influxd and returns once <c>/ping</c> answers 204. A port taken between choosing it and
    /// binding it makes influxd exit; then new ports are chosen and it starts again.</summary>
    public static async Task<InfluxProcess> StartAsync(CancellationToken cancellationToken)
    {
        var influx = new InfluxProcess();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                influx._httpPort = FreePort.Next();
                try
                {
                    await influx.RunAsync(rpcPort: FreePort.Next(), cancellationToken);
                    return influx;
                }
                catch (InvalidOperationException ex) when (attempt < MaxStartAttempts && ex.Message.Contains("address already in use", StringComparison.Ordinal))
                {
                    // Lost the race for a port: choose new ones.
                }
            }
        }
        catch
        {
            await influx.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops influxd (SIGTERM, or SIGKILL when <paramref name="kill"/>); the data folder is kept.</summary>
    public async Task StopAsync(bool kill = false)
    {
        if (_server is null)
        {
            return;
        }
        await _server.StopAsync(kill);
        await _server.DisposeAsync();
        _server = null;
    }

    /// <summary>Starts influxd again on the same HTTP port and data folder, after <see cref="StopAsync"/>.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) =>
        _server is null ? RunAsync(FreePort.Next(), cancellationToken) : throw new InvalidOperationException("influxd is still running.");

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _directory.Dispose();
    }

    private async Task RunAsync(int rpcPort, CancellationToken cancellationToken)
    {
        var config = _directory.Combine("influxdb.conf");
        await File.WriteAllTextAsync(config, Config(rpcPort), cancellationToken);
        var server = ServerProcess.Start(Executable, ["run", "-config", config], _directory.Path);
        try
        {
            await server.WaitUntilReadyAsync(PingAsync, StartTimeout, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        _server = server;
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(Url, "/ping"), cancellationToken);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (HttpRequestException)
        {
            return false;   // not listening yet
        }
    }

    // Keys checked against `influxd config` of 1.6.7. Only loopback; no phoning home, no _internal monitoring
    // database, no continuous queries, no per-request HTTP log: a quiet server whose output is worth reading.
    private string Config(int rpcPort) => string.Create(CultureInfo.InvariantCulture, $"""
        reporting-disabled = true
        bind-address = "127.0.0.1:{rpcPort}"

        [meta]
          dir = "{_directory.Combine("meta")}"
          logging-enabled = false

        [data]
          dir = "{_directory.Combine("data")}"
          wal-dir = "{_directory.Combine("wal")}"
          query-log-enabled = false

        [http]
          bind-address = "127.0.0.1:{_httpPort}"
          log-enabled = false

        [monitor]
          store-enabled = false

        [continuous_queries]
          enabled = false

        [logging]
          level = "warn"
        """);
}
