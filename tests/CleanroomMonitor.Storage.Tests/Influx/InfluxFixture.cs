using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Tests.Influx;

/// <summary>One real influxd shared by the tests of a class; each test isolates itself in its own database.</summary>
public sealed class InfluxFixture : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private InfluxProcess? _influx;

    public InfluxProcess Influx => _influx ?? throw new InvalidOperationException("influxd has not started.");

    public async Task InitializeAsync() => _influx = await InfluxProcess.StartAsync(CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }
    }

    public void Dispose() => _http.Dispose();

    public static string NewDatabaseName() => "test_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A client for a fresh, created database on this server.</summary>
    public async Task<InfluxClient> CreateClientAsync(Action<InfluxOptions>? configure = null)
    {
        var options = new InfluxOptions { Url = Influx.Url, Database = NewDatabaseName() };
        configure?.Invoke(options);
        var client = new InfluxClient(_http, Options.Create(options), TimeProvider.System);
        await client.EnsureDatabaseAsync(CancellationToken.None);
        return client;
    }

    public InfluxClient CreateClient(InfluxOptions options) => new(_http, Options.Create(options), TimeProvider.System);

    /// <summary>The number of points of <paramref name="measurement"/> (count of one field), 0 before the first write.</summary>
    public static async Task<long> CountAsync(InfluxClient client, string measurement, string field)
    {
        var result = await client.QueryAsync($"SELECT count({InfluxClient.QuoteIdentifier(field)}) FROM {InfluxClient.QuoteIdentifier(measurement)}", CancellationToken.None);
        return result.Series.Count == 0 ? 0 : result.Series[0].Get(0, "count").GetInt64();
    }
}
