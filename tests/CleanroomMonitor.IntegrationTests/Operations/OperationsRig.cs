using System.Globalization;
using System.Text;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Operations;

/// <summary>The service on loopback against a broker the test chose (TLS, passwords) and a real influxd, with every log
/// entry at every level collected for the test to read.</summary>
public sealed class OperationsRig : IAsyncDisposable
{
    private readonly List<MqttClient> _publishers = [];
    private WebApplication? _app;

    private OperationsRig(MosquittoProcess broker, InfluxProcess influx)
    {
        Broker = broker;
        Influx = influx;
    }

    public TempDirectory Directory { get; } = new("ops");

    public MosquittoProcess Broker { get; }

    public InfluxProcess Influx { get; }

    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");

    public CollectingLoggerProvider Logs { get; private set; } = new();

    public HttpClient Http { get; private set; } = new();

    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public string RecordsPath => Directory.Combine("records.db");

    public IReadOnlyDictionary<string, string?> Settings { get; private set; } = new Dictionary<string, string?>();

    public static async Task<OperationsRig> StartAsync(MosquittoProcess broker, CancellationToken cancellationToken = default) =>
        new(broker, await InfluxProcess.StartAsync(cancellationToken));

    /// <summary>Starts the service with the rig's settings plus <paramref name="extra"/> (which win); waits for /readyz unless told not to.</summary>
    public async Task StartServiceAsync(IReadOnlyDictionary<string, string?>? extra = null, bool waitUntilReady = true, CancellationToken cancellationToken = default)
    {
        var facilityFile = Directory.Combine("facility.json");
        await File.WriteAllTextAsync(facilityFile, MonitorRig.FacilityJson, cancellationToken);
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Facility:File"] = facilityFile,
            ["Mqtt:Port"] = Broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:ReconnectDelayMax"] = "00:00:02",
            ["Influx:Url"] = Influx.Url.ToString(),
            ["Influx:Database"] = "ops",
            ["Influx:FlushInterval"] = "00:00:00.100",
            ["Buffer:Path"] = Directory.Combine("buffer"),
            ["Records:Path"] = RecordsPath,
            ["Activity:Interval"] = "00:00:00",
            // Every category at every level, so a secret scan reads what the most verbose production log would hold.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        Settings = settings;
        Logs = new CollectingLoggerProvider();
        var logs = Logs;
        _app = CleanroomMonitorApp.Build([], settings, logging =>
        {
            logging.ClearProviders();   // no console flood in the test output; everything goes to the collector
            logging.AddProvider(logs);
        });
        await _app.StartAsync(cancellationToken);
        Addresses = [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a))];
        Http.Dispose();
        Http = new HttpClient { BaseAddress = Addresses[0], Timeout = TimeSpan.FromSeconds(10) };
        if (waitUntilReady)
        {
            await MonitorRig.WaitUntilAsync(async ct => (await Http.GetAsync(new Uri("/readyz", UriKind.Relative), ct)).IsSuccessStatusCode,
                TimeSpan.FromSeconds(20), "the service to be ready", cancellationToken: cancellationToken);
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

    public async Task StopServiceAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var publisher in _publishers)
        {
            await publisher.DisposeAsync();
        }
        await StopServiceAsync();
        Http.Dispose();
        await Influx.DisposeAsync();
        Directory.Dispose();
    }
}
