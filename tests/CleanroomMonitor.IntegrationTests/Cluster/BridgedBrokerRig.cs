using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Cluster;

/// <summary>The bridged layout of docs/scale-out.md on loopback: the instruments' gateway publishes to a SITE broker,
/// whose bridge forwards <c>cleanroom/#</c> to a CENTRAL broker; the service subscribes to the central broker only and
/// writes to a real influxd.</summary>
public sealed class BridgedBrokerRig : IAsyncDisposable
{
    private readonly ServiceRig _stack;

    private BridgedBrokerRig(BridgedBrokers brokers, ServiceRig stack)
    {
        Brokers = brokers;
        _stack = stack;
    }

    public BridgedBrokers Brokers { get; }

    /// <summary>The gateway's client, connected to the site broker (QoS 1, clean session: it has nothing to receive).</summary>
    public MqttClient Publisher { get; private set; } = null!;

    public RunningService Service => _stack.Service;

    public IngestStatistics Ingest => Service.App.Services.GetRequiredService<IngestStatistics>();

    public static async Task<BridgedBrokerRig> StartAsync(CancellationToken cancellationToken = default)
    {
        var brokers = await BridgedBrokers.StartAsync("cleanroom/#", cancellationToken);
        ServiceRig? stack = null;
        try
        {
            stack = await ServiceRig.StartAsync(CleanroomMonitorApp.Build, "bridged", brokers.Central, cancellationToken);
            var rig = new BridgedBrokerRig(brokers, stack);
            var facilityFile = await stack.WriteFileAsync("facility.json", MonitorRig.FacilityJson, cancellationToken);
            var settings = stack.Settings(facilityFile, "itest") with
            {
                MqttReconnectDelayMax = TimeSpan.FromSeconds(2),
                InfluxFlushInterval = TimeSpan.FromMilliseconds(100),
            };
            var service = await stack.StartServiceAsync(settings, new ServiceLog(), cancellationToken);
            await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(20), cancellationToken);
            rig.Publisher = new MqttClient(new MqttClientOptions
            {
                Host = brokers.Site.Host,
                Port = brokers.Site.Port,
                ClientId = "itest-site-gateway-" + Guid.NewGuid().ToString("N")[..8],
                CleanSession = true,
            }, TimeProvider.System, NullLogger<MqttClient>.Instance);
            rig.Publisher.Start();
            await rig.Publisher.WaitUntilConnectedAsync(cancellationToken);
            return rig;
        }
        catch
        {
            if (stack is not null)
            {
                await stack.DisposeAsync();
            }
            await brokers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Publishes one differential pressure reading of dp1 at <paramref name="instant"/> to the site broker (QoS 1);
    /// completes when the site broker has acknowledged it.</summary>
    public Task PublishReadingAsync(DateTimeOffset instant, int sequence, CancellationToken cancellationToken = default)
    {
        var ts = instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var payload = $$$"""{"ts":"{{{ts}}}","seq":{{{sequence}}},"values":{"differential_pressure":15}}""";
        return Publisher.PublishAsync(MonitorRig.Topic("cr1", "dp1"), Encoding.UTF8.GetBytes(payload), qos: 1, retain: false, cancellationToken);
    }

    /// <summary>Points of <c>reading</c> in InfluxDB (0 before the database exists).</summary>
    public Task<long> CountPointsAsync(string where = "", CancellationToken cancellationToken = default) =>
        MonitorRig.CountAsync(Service.App.Services.GetRequiredService<InfluxClient>(), $"SELECT count(\"value\") FROM \"reading\" {where}", cancellationToken);

    public async Task WaitForPointsAsync(long expected, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        long last = -1;
        await Eventually.UntilAsync(async ct => (last = await CountPointsAsync(cancellationToken: ct)) >= expected, timeout,
            $"{expected} points in InfluxDB", () => Task.FromResult($"Last seen: {last} points. Service log:\n{Service.Log.Tail()}"), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Publisher is not null)
        {
            await Publisher.DisposeAsync();
        }
        await _stack.DisposeAsync();
        await Brokers.DisposeAsync();
    }
}
