using System.Globalization;
using System.Text;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Operations;

/// <summary>The service on loopback against a broker the test chose (TLS, passwords) and a real influxd, with every log
/// entry at every level collected for the test to read.</summary>
public sealed class OperationsRig : IAsyncDisposable
{
    private readonly List<MqttClient> _publishers = [];
    private readonly ServiceRig _stack;

    private OperationsRig(ServiceRig stack)
    {
        _stack = stack;
    }

    public TempDirectory Directory => _stack.Directory;

    public MosquittoProcess Broker => _stack.Broker;

    public InfluxProcess Influx => _stack.Influx;

    public WebApplication App => _stack.Service.App;

    /// <summary>The log of the latest start, kept after the service stops (a secret scan reads it then).</summary>
    public ServiceLog Logs { get; private set; } = new() { IsOnlySink = true };

    public HttpClient Http { get; private set; } = new();

    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public string RecordsPath => Directory.Combine("records.db");

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    /// <summary>A rig on the test's own <paramref name="broker"/>, which the test keeps and disposes.</summary>
    public static async Task<OperationsRig> StartAsync(MosquittoProcess broker, CancellationToken cancellationToken = default) =>
        new(await ServiceRig.StartAsync(CleanroomMonitorApp.Build, "ops", broker, cancellationToken));

    /// <summary>Starts the service with the rig's settings plus <paramref name="extra"/> (which win); waits for /readyz unless told not to.</summary>
    public async Task StartServiceAsync(IReadOnlyDictionary<string, string?>? extra = null, bool waitUntilReady = true, CancellationToken cancellationToken = default)
    {
        var facilityFile = await _stack.WriteFileAsync("facility.json", MonitorRig.FacilityJson, cancellationToken);
        var settings = _stack.Settings(facilityFile, "ops") with
        {
            MqttReconnectDelayMax = TimeSpan.FromSeconds(2),
            InfluxFlushInterval = TimeSpan.FromMilliseconds(100),
            // Every category at every level, so a secret scan reads what the most verbose production log would hold.
            Overrides = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Trace",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            },
        };
        settings = settings.With(extra);
        Settings = settings.ToConfiguration();
        Logs = new ServiceLog { IsOnlySink = true };   // no console flood in the test output; everything goes to the collector
        var service = await _stack.StartServiceAsync(settings, Logs, cancellationToken);
        Addresses = service.Addresses;
        Http.Dispose();
        Http = new HttpClient { BaseAddress = Addresses[0], Timeout = TimeSpan.FromSeconds(10) };
        if (waitUntilReady)
        {
            await service.WaitUntilReadyAsync(TimeSpan.FromSeconds(20), cancellationToken);
        }
    }

    /// <summary>An app built as Program.cs builds one for a command (not started), on the same settings.</summary>
    public WebApplication BuildCommandApp() => CleanroomMonitorApp.Build([], Settings, logging => logging.ClearProviders());

    /// <summary>A connected publisher playing the instruments' gateway; <paramref name="configure"/> adds TLS or credentials.</summary>
    public async Task<MqttClient> ConnectPublisherAsync(Action<MqttClientOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new MqttClientOptions
        {
            Port = Broker.Port,
            ClientId = "ops-gateway-" + Guid.NewGuid().ToString("N")[..8],
            CleanSession = true,
        };
        configure?.Invoke(options);
        var publisher = new MqttClient(options, TimeProvider.System, NullLogger<MqttClient>.Instance);
        _publishers.Add(publisher);
        publisher.Start();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await publisher.WaitUntilConnectedAsync(timeout.Token);
        return publisher;
    }

    public static Task PublishAsync(MqttClient publisher, string sensor, string values, DateTimeOffset timestamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        var payload = "{\"ts\":\"" + timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + "\",\"values\":{" + values + "}}";
        return publisher.PublishAsync(MonitorRig.Topic("cr1", sensor), Encoding.UTF8.GetBytes(payload), qos: 1, retain: false, cancellationToken);
    }

    public Task<long> CountPointsAsync(CancellationToken cancellationToken = default) =>
        MonitorRig.CountAsync(App.Services.GetRequiredService<InfluxClient>(), "SELECT count(\"value\") FROM \"reading\"", cancellationToken);

    public Task StopServiceAsync() => _stack.StopServiceAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var publisher in _publishers)
        {
            await publisher.DisposeAsync();
        }
        await _stack.DisposeAsync();
        Http.Dispose();
    }
}
