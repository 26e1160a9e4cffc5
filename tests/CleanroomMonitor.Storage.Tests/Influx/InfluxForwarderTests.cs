using Microsoft.Extensions.Logging.Testing;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using CleanroomMonitor.Storage.Buffer;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Storage.Tests.Influx;

[Collection(SharedInfluxd.Name)]
public sealed class InfluxForwarderTests(InfluxFixture fixture) : IDisposable
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _directory = new("forwarder-test");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger<InfluxForwarder> _logger = new();

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_BufferedPoints_AllArriveAndBufferEmpties()
    {
        var client = await fixture.CreateClientAsync();
        using var buffer = OpenBuffer();
        for (var i = 0; i < 20; i++)
        {
            await buffer.AppendAsync(Lines(i * 100, 100), CancellationToken.None);
        }
        using var sut = CreateForwarder(buffer, client, batchSize: 500);

        await sut.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(async _ => await InfluxFixture.CountAsync(client, "m", "v") == 2000, ArrivalTimeout, "2000 points in InfluxDB");
        await Eventually.UntilAsync(_ => Task.FromResult(buffer.PendingRecords == 0), ArrivalTimeout, "buffer acknowledged");
        await sut.StopAsync(CancellationToken.None);

        Assert.DoesNotContain(_logger.Entries(), e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning);
    }

    [Fact]
    public async Task ExecuteAsync_PointsAppendedWhileRunning_FlushedByTime()
    {
        var client = await fixture.CreateClientAsync();
        using var buffer = OpenBuffer();
        using var sut = CreateForwarder(buffer, client, batchSize: 5000);
        await sut.StartAsync(CancellationToken.None);

        await buffer.AppendAsync(Lines(0, 3), CancellationToken.None);

        await Eventually.UntilAsync(async _ => await InfluxFixture.CountAsync(client, "m", "v") == 3, ArrivalTimeout, "3 points below the batch size flushed by time");
        await sut.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_BadLineInBatch_BatchQuarantinedCountedAndAcknowledged()
    {
        var client = await fixture.CreateClientAsync();
        using var buffer = OpenBuffer();
        var records = Lines(0, 3);
        records.Insert(1, Encoding.UTF8.GetBytes("m v= 1767600000000"));
        await buffer.AppendAsync(records, CancellationToken.None);
        using var sut = CreateForwarder(buffer, client, batchSize: 5000);
        long rejected = 0;
        using var listener = ListenTo("cleanroom.influx.rejected", value => Interlocked.Add(ref rejected, value));

        await sut.StartAsync(CancellationToken.None);
        await Eventually.UntilAsync(_ => Task.FromResult(buffer.PendingRecords == 0), ArrivalTimeout, "rejected batch acknowledged");
        await sut.StopAsync(CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(Path.Combine(buffer.FolderPath, "rejected")));
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("# Rejected by InfluxDB", text, StringComparison.Ordinal);
        Assert.Contains("unable to parse", text, StringComparison.Ordinal);
        Assert.All(records, r => Assert.Contains(Encoding.UTF8.GetString(r.Span), text, StringComparison.Ordinal));
        Assert.Equal(4, Interlocked.Read(ref rejected));
        Assert.Contains(_logger.Entries(), e => e.Id.Id == 3105 && e.Message.Contains("unable to parse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddInfluxStorage_HostWithMissingDatabase_CreatesItAndDeliversAppendedPoints()
    {
        var database = InfluxFixture.NewDatabaseName();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Influx:Url"] = fixture.Influx.Url.ToString(),
            ["Influx:Database"] = database,
            ["Influx:FlushInterval"] = "00:00:00.050",
            ["Buffer:Path"] = _directory.Path,
        });
        builder.Services.AddInfluxStorage();
        builder.Services.AddInfluxStorage();   // idempotent
        using var host = builder.Build();
        var client = fixture.CreateClient(new InfluxOptions { Url = fixture.Influx.Url, Database = database });

        await host.StartAsync();
        await host.Services.GetRequiredService<DurableBuffer>().AppendAsync(Lines(0, 10), CancellationToken.None);
        await Eventually.UntilAsync(async _ => await CountIfExistsAsync(client) == 10, ArrivalTimeout, "10 points in the created database");
        await host.StopAsync();

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<InfluxForwarder>());
    }

    internal static List<ReadOnlyMemory<byte>> Lines(int start, int count) =>
        Enumerable.Range(start, count)
            .Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"m,sensor=S1 v={i} {1_767_600_000_000 + i}")))
            .ToList();

    private static async Task<long> CountIfExistsAsync(InfluxClient client)
    {
        try
        {
            return await InfluxFixture.CountAsync(client, "m", "v");
        }
        catch (InfluxQueryException)
        {
            return 0;   // database not created yet
        }
    }

    private MeterListener ListenTo(string instrumentName, Action<long> onMeasurement)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == instrumentName && instrument.Meter.Scope == _services.GetRequiredService<IMeterFactory>())
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => onMeasurement(value));
        listener.Start();
        return listener;
    }

    private DurableBuffer OpenBuffer() =>
        new(Options.Create(new DurableBufferOptions { Path = _directory.Path }), TimeProvider.System,
            _services.GetRequiredService<IMeterFactory>(), new FakeLogger<DurableBuffer>());

    private InfluxForwarder CreateForwarder(DurableBuffer buffer, InfluxClient client, int batchSize) =>
        new(buffer, client, Options.Create(new InfluxOptions { BatchSize = batchSize, FlushInterval = TimeSpan.FromMilliseconds(50) }),
            TimeProvider.System, _services.GetRequiredService<IMeterFactory>(), _logger);
}
