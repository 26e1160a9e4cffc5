using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>The service on the OQ reference facility (deploy/config/facility.oq.json) with a real mosquitto and influxd,
/// an API token for the scenario runner, and an MQTT client playing the devices. One rig runs the whole library in
/// turn, as an OQ run does on an installation.</summary>
public sealed class ScenarioRig : IAsyncLifetime
{
    /// <summary>A Viewer token: the runner only reads.</summary>
    public const string Token = "crm_scenario-runner-test-token-viewer";

    private readonly TempDirectory _directory = new("scenarios");
    private MosquittoProcess? _broker;
    private InfluxProcess? _influx;
    private WebApplication? _app;
    private MqttClient? _devices;
    private ServiceApi? _api;

    public static string FacilityFile => Path.Combine(RepositoryPaths.Root, "deploy", "config", "facility.oq.json");

    public static string LibraryFolder => Path.Combine(RepositoryPaths.Root, ScenarioLibrary.DefaultFolder);

    public FacilityDefinition Facility { get; } = FacilityReader.Load(FacilityFile);

    internal MqttClient Devices => _devices ?? throw new InvalidOperationException("Not started.");

    internal ServiceApi Api => _api ?? throw new InvalidOperationException("Not started.");

    public Uri BaseAddress { get; private set; } = null!;

    public int BrokerPort => _broker!.Port;

    public async Task InitializeAsync()
    {
        var brokerTask = MosquittoProcess.StartAsync();
        var influxTask = InfluxProcess.StartAsync(CancellationToken.None);
        _broker = await brokerTask;
        _influx = await influxTask;
        _app = CleanroomMonitorApp.Build([], new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Facility:File"] = FacilityFile,
            ["Mqtt:Port"] = _broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:ClientId"] = "cleanroom-monitor-scenarios-" + Guid.NewGuid().ToString("N")[..8],
            ["Influx:Url"] = _influx.Url.ToString(),
            ["Influx:Database"] = "scenarios",
            ["Influx:FlushInterval"] = "00:00:00.100",
            ["Buffer:Path"] = _directory.Combine("buffer"),
            ["Records:Path"] = _directory.Combine("records.db"),
            ["Activity:Interval"] = "00:00:00",
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var users = _app.Services.GetRequiredService<IUserStore>();
        await users.SaveTokenAsync(new ApiToken(Guid.NewGuid(), "scenario runner", ApiTokenHandler.HashOf(Token), [Role.Viewer], null, "test", DateTimeOffset.UtcNow, null),
            new AuditEntry(DateTimeOffset.UtcNow, "test", "Admin", "token.created", "api_token", "", null, null, "scenario tests"), CancellationToken.None);
        await _app.Services.GetRequiredService<MqttClient>().WaitUntilConnectedAsync(CancellationToken.None);
        _api = new ServiceApi(BaseAddress, Token);
        _devices = new MqttClient(new MqttClientOptions { Port = _broker.Port, ClientId = "scenario-devices-" + Guid.NewGuid().ToString("N")[..8], CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        _devices.Start();
        await _devices.WaitUntilConnectedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_devices is not null)
        {
            await _devices.DisposeAsync();
        }
        _api?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
        if (_influx is not null)
        {
            await _influx.DisposeAsync();
        }
        _directory.Dispose();
    }
}
