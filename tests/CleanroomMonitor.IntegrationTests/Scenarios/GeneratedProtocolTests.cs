using System.Globalization;
using System.Text.Json.Nodes;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.IntegrationTests.CommandLine;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>An OQ protocol generated from the demo site's own facility file (<c>oq generate</c>, issue 24 item 5), run with
/// <c>oq run --dir</c> against an installation configured with that file: the built program as a process, as a site runs
/// it. Two sensors (<c>--sensor</c>) keep it short: a temperature and humidity probe and a delayed pressure alarm.</summary>
[Collection(OqInstallations.Name)]
public sealed class GeneratedProtocolTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "crm_generated-protocol-test-token-operator";
    private const string DemoFacility = "deploy/config/facility.demo.json";

    private readonly TempDirectory _protocol = new("oq-generated");
    private readonly TempDirectory _report = new("oq-generated-report");
    private ServiceRig? _stack;
    private ServedModbus? _modbus;
    private Uri _api = null!;

    public async Task InitializeAsync()
    {
        _stack = await ServiceRig.StartAsync(CleanroomMonitorApp.Build, "generated");
        // The demo's Modbus gateway on a free port, served by the simulator: suites 4 and 5 report as on a real site.
        var facility = FacilityReader.Load(RepositoryPaths.DemoFacility);
        var connections = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "config", "modbus.demo.json")),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        connections["profiles"] = Path.Combine(RepositoryPaths.Root, "deploy", "config", "profiles");
        connections["connections"]![0]!["tcp"]!["port"] = FreePort.Next();
        var modbusFile = await _stack.WriteFileAsync("modbus.demo.json", connections.ToJsonString());
        _modbus = ServedModbus.Start(new ModbusSimulation(facility, ModbusPlanReader.Load(modbusFile, facility), new Dictionary<string, string>(),
            TimeProvider.System, NullLogger.Instance, seed: 3), CancellationToken.None);
        var settings = _stack.Settings(RepositoryPaths.DemoFacility, "generated") with
        {
            ModbusFile = modbusFile,
            InfluxFlushInterval = TimeSpan.FromMilliseconds(100),
        };
        var service = await _stack.StartServiceAsync(settings, new ServiceLog());
        _api = service.BaseAddress;
        var users = service.App.Services.GetRequiredService<IUserStore>();
        await users.SaveTokenAsync(new ApiToken(Guid.NewGuid(), "oq kit", ApiTokenHandler.HashOf(Token), [Role.Viewer, Role.Operator], null, "test", DateTimeOffset.UtcNow, null),
            new AuditEntry(DateTimeOffset.UtcNow, "test", "Admin", "token.created", "api_token", "", null, null, "generated protocol test"), CancellationToken.None);
        await service.App.Services.GetRequiredService<MqttClient>().WaitUntilConnectedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.StopServiceAsync();
        }
        if (_modbus is not null)
        {
            await _modbus.DisposeAsync();
        }
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
        _protocol.Dispose();
        _report.Dispose();
    }

    [Fact]
    public async Task OqRun_ProtocolGeneratedForTwoDemoSensors_EveryRowPasses()
    {
        var generate = await BuiltPrograms.SimulatorsAsync("oq", "generate", "--facility", DemoFacility, "--out", _protocol.Path, "--sensor", "cr1-th", "--sensor", "al1-dp");
        Assert.True(generate.ExitCode == 0, generate.ToString());
        Assert.Equal(["README.md", "al1-dp.json", "cr1-th.json"], Directory.GetFiles(_protocol.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // About 20 s here (17 minutes of scenario time at 60×, then the checks); the margin is for a loaded CI machine.
        var run = await ProgramRun.DotnetAsync(BuiltPrograms.Simulators, ["oq", "run", "--dir", _protocol.Path, "--facility", DemoFacility,
            "--port", _stack!.Broker.Port.ToString(CultureInfo.InvariantCulture), "--api", $"http://127.0.0.1:{_api.Port.ToString(CultureInfo.InvariantCulture)}",
            "--token", Token, "--out", _report.Path, "--speed", "60"], RepositoryPaths.Root, timeout: TimeSpan.FromMinutes(3));

        output.WriteLine(run.ToString());
        var lines = (await File.ReadAllLinesAsync(Path.Combine(_report.Path, "oq-report.csv"))).Skip(1).ToList();
        // The prerequisites first (the installation runs the facility file the protocol was generated from, an unmodified
        // build), each passed; then the rows.
        var prerequisites = lines.TakeWhile(l => l.StartsWith("prerequisite: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, prerequisites.Count);
        Assert.All(prerequisites, p => Assert.Contains(",pass,", p, StringComparison.Ordinal));
        var rows = lines.Skip(prerequisites.Count).ToList();
        // cr1-th: temperature and humidity, each inside, alert and action; al1-dp: inside, alert, action.
        Assert.Equal(9, rows.Count);
        Assert.All(rows, row => Assert.StartsWith("SITE-", row.Trim('"'), StringComparison.Ordinal));
        Assert.All(rows, row => Assert.Contains(",pass,", row, StringComparison.Ordinal));
        Assert.True(run.ExitCode == 0, run.ToString());
    }
}
