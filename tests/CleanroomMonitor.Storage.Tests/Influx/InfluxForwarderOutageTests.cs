using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Tests.Influx;

/// <summary>Stops and restarts its own influxd, so it does not share the collection's server.</summary>
public sealed class InfluxForwarderOutageTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _directory = new("outage-test");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger<InfluxForwarder> _logger = new();
    private readonly HttpClient _http = new();
    private InfluxProcess _influx = null!;

    public async Task InitializeAsync() => _influx = await InfluxProcess.StartAsync(CancellationToken.None);

    public async Task DisposeAsync() => await _influx.DisposeAsync();

    public void Dispose()
    {
        _http.Dispose();
        _services.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_InfluxKilledAndRestarted_BacksOffKeepsDataAndDeliversEverything()
    {
        var options = Options.Create(new InfluxOptions { Url = _influx.Url, Database = "outage", BatchSize = 100, FlushInterval = TimeSpan.FromMilliseconds(50) });
        var client = new InfluxClient(_http, options, TimeProvider.System);
        await client.EnsureDatabaseAsync(CancellationToken.None);
        using var buffer = new DurableBuffer(Options.Create(new DurableBufferOptions { Path = _directory.Path }), TimeProvider.System,
            _services.GetRequiredService<IMeterFactory>(), new FakeLogger<DurableBuffer>());
        using var sut = new InfluxForwarder(buffer, client, options, TimeProvider.System, _services.GetRequiredService<IMeterFactory>(), _logger);
        await sut.StartAsync(CancellationToken.None);
        await buffer.AppendAsync(InfluxForwarderTests.Lines(0, 500), CancellationToken.None);
        await Eventually.UntilAsync(async _ => await InfluxFixture.CountAsync(client, "m", "v") == 500, Timeout, "first 500 points before the outage");

        await _influx.StopAsync(kill: true);
        await buffer.AppendAsync(InfluxForwarderTests.Lines(500, 500), CancellationToken.None);
        await Eventually.UntilAsync(_ => Task.FromResult(_logger.Has(3102)), Timeout, "the outage is logged");
        Assert.True(buffer.PendingRecords > 0);
        await _influx.RestartAsync(CancellationToken.None);

        await Eventually.UntilAsync(async _ => await InfluxFixture.CountAsync(client, "m", "v") == 1000, Timeout, "all 1000 points after the restart");
        await Eventually.UntilAsync(_ => Task.FromResult(buffer.PendingRecords == 0), Timeout, "buffer acknowledged");
        await sut.StopAsync(CancellationToken.None);
        Assert.Single(_logger.Entries(), e => e.Id.Id == 3102);
        Assert.Single(_logger.Entries(), e => e.Id.Id == 3103);
    }
}
