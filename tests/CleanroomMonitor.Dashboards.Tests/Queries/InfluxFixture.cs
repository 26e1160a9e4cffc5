using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Dashboards.Tests.Queries;

/// <summary>One real influxd on loopback with database <c>cleanroom</c> filled with <see cref="DemoData"/> for the demo
/// facility, shared by the query tests.</summary>
public sealed class InfluxFixture : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private InfluxProcess? _influx;

    public InfluxClient Client { get; private set; } = null!;

    /// <summary>The moment the data ends; queries look at the hour before it.</summary>
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public string Output => _influx?.Output ?? "";

    public async Task InitializeAsync()
    {
        _influx = await InfluxProcess.StartAsync(CancellationToken.None);
        Client = new InfluxClient(_http, Options.Create(new InfluxOptions { Url = _influx.Url, Database = "cleanroom" }), TimeProvider.System);
        await Client.EnsureDatabaseAsync(CancellationToken.None);
        await Client.WriteAsync(DemoData.Lines(DemoDashboards.Facility, Now), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }
    }

    public void Dispose() => _http.Dispose();
}
