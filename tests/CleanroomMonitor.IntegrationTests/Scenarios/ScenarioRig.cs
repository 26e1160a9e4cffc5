using System.Text.Json;
using System.Text.Json.Nodes;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.Simulators.Oq;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>The service on the OQ reference facility (deploy/config/facility.oq.json) with a real mosquitto and influxd,
/// polling the facility's Modbus device (deploy/config/modbus.oq.json, on a free loopback port) served by the simulator;
/// an API token for the scenario runner, a QA account that signs, and the service's own <c>records</c> command for the
/// backup check; an MQTT client playing the devices; the OQ kit's SMTP sink and gateway listener, which the service's
/// notifications (plan deploy/config/notifications.oq.json) send to. One rig runs the whole library in turn, as an OQ run does on an
/// installation.</summary>
public sealed class ScenarioRig : IAsyncLifetime
{
    /// <summary>A Viewer and Operator token: the runner reads, and declares room windows.</summary>
    public const string Token = "crm_scenario-runner-test-token-operator";

    /// <summary>The account that signs acknowledgements and closures (QA).</summary>
    public const string Signer = "oq.signer";

    public const string SignerPassword = "oq-signer-test-password";

    private ServiceRig? _stack;
    private MqttClient? _devices;
    private ServiceApi? _api;
    private SignerSession? _signer;
    private ServedModbus? _modbus;
    private AlarmSinks? _alarms;

    public static string FacilityFile => Path.Combine(RepositoryPaths.Root, "deploy", "config", "facility.oq.json");

    public static string ModbusTemplate => Path.Combine(RepositoryPaths.Root, "deploy", "config", "modbus.oq.json");

    public static string NotificationPlanFile => Path.Combine(RepositoryPaths.Root, "deploy", "config", "notifications.oq.json");

    public static string LibraryFolder => Path.Combine(RepositoryPaths.Root, ScenarioLibrary.DefaultFolder);

    public FacilityDefinition Facility { get; } = FacilityReader.Load(FacilityFile);

    internal MqttClient Devices => _devices ?? throw new InvalidOperationException("Not started.");

    internal ServiceApi Api => _api ?? throw new InvalidOperationException("Not started.");

    internal ModbusSimulation Modbus => _modbus?.Simulation ?? throw new InvalidOperationException("Not started.");

    /// <summary>The kit's SMTP sink and gateway listener, as <c>oq run --smtp-port --gateway-port</c> starts them.</summary>
    internal AlarmSinks Alarms => _alarms ?? throw new InvalidOperationException("Not started.");

    /// <summary>The record checks with the signer and the service's records command, backups in the rig's folder.</summary>
    internal RecordChecks Records { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running service's services (its record and user stores).</summary>
    internal IServiceProvider Services => Stack.Service.App.Services;

    public int BrokerPort => Stack.Broker.Port;

    private ServiceRig Stack => _stack ?? throw new InvalidOperationException("Not started.");

    /// <summary>A runner with everything an OQ run has: API, Modbus devices, signer, records command.</summary>
    internal ScenarioRunner Runner() => new(Facility, Devices, Api, TimeProvider.System) { Modbus = Modbus, Records = Records, Alarms = Alarms };

    public async Task InitializeAsync()
    {
        _stack = await ServiceRig.StartAsync(CleanroomMonitorApp.Build, "scenarios");

        // The shipped connection file on a free port, its profiles by absolute path: the simulator serves what the service polls.
        var connections = JsonNode.Parse(await File.ReadAllTextAsync(ModbusTemplate), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        connections["profiles"] = Path.Combine(RepositoryPaths.Root, "deploy", "config", "profiles");
        connections["connections"]![0]!["tcp"]!["port"] = FreePort.Next();
        var modbusFile = await _stack.WriteFileAsync("modbus.oq.json", connections.ToJsonString());
        _modbus = ServedModbus.Start(new ModbusSimulation(Facility, ModbusPlanReader.Load(modbusFile, Facility), new Dictionary<string, string>(),
            TimeProvider.System, NullLogger.Instance, seed: 5), CancellationToken.None);

        _alarms = await AlarmSinks.StartAsync(0, 0, TimeProvider.System, CancellationToken.None);
        var settings = _stack.Settings(FacilityFile, "scenarios") with
        {
            ModbusFile = modbusFile,
            MqttClientId = "cleanroom-monitor-scenarios-" + Guid.NewGuid().ToString("N")[..8],
            InfluxFlushInterval = TimeSpan.FromMilliseconds(100),
            Overrides = new Dictionary<string, string?>
            {
                // Scenarios play faster than real time, so their batch messages carry stamps hours behind the wall clock
                // (ScenarioClock); the default 5-minute tolerance is for a real MES.
                ["Security:MesMaxBackdating"] = "1.00:00:00",
                // The installation's alarms go to the kit's sinks, as docs/simulators.md tells an OQ installation to configure.
                ["Notifications:PlanFile"] = NotificationPlanFile,
                ["Notifications:Email:Host"] = "127.0.0.1",
                ["Notifications:Email:Port"] = _alarms.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Notifications:Email:Security"] = "None",
                ["Notifications:Email:From"] = "Cleanroom Monitor OQ <cleanroom-oq@gmp-centre.example>",
                ["Notifications:Gateways:sms:Url"] = $"http://127.0.0.1:{_alarms.Gateway.Port}{AlarmSinks.GatewayPath}",
                ["Notifications:Gateways:sms:Body"] = """{"to":"{to}","excursionId":"{excursionId}","text":"{subject}"}""",
            },
        };
        var service = await _stack.StartServiceAsync(settings, new ServiceLog());
        BaseAddress = service.BaseAddress;
        var app = service.App;
        var users = app.Services.GetRequiredService<IUserStore>();
        await users.SaveTokenAsync(new ApiToken(Guid.NewGuid(), "scenario runner", ApiTokenHandler.HashOf(Token), [Role.Viewer, Role.Operator], null, "test", DateTimeOffset.UtcNow, null),
            new AuditEntry(DateTimeOffset.UtcNow, "test", "Admin", "token.created", "api_token", "", null, null, "scenario tests"), CancellationToken.None);
        await app.Services.GetRequiredService<UserAccounts>().CreateAsync(new NewUser(Signer, "Olga Q. Signer", ["QA"], null, SignerPassword), "test", CancellationToken.None, passwordChosenByHolder: true);
        await app.Services.GetRequiredService<MqttClient>().WaitUntilConnectedAsync(CancellationToken.None);
        _api = new ServiceApi(BaseAddress, Token);
        _signer = new SignerSession(BaseAddress, Signer, SignerPassword);
        // The service's own executable, configured as the running service is (environment variables, as systemd and the container do).
        Records = new RecordChecks(_api)
        {
            Signer = _signer,
            RecordsCommand = new RecordsCommandLine("dotnet", [ServiceExecutable.AssemblyPath], settings.ToEnvironment()),
            BackupFolder = _stack.Directory.Combine("backups"),
        };
        _devices = new MqttClient(new MqttClientOptions { Port = _stack.Broker.Port, ClientId = "scenario-devices-" + Guid.NewGuid().ToString("N")[..8], CleanSession = true },
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
        _signer?.Dispose();
        if (_stack is not null)
        {
            await _stack.StopServiceAsync();
        }
        if (_modbus is not null)
        {
            await _modbus.DisposeAsync();
        }
        if (_alarms is not null)
        {
            await _alarms.DisposeAsync();
        }
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}
