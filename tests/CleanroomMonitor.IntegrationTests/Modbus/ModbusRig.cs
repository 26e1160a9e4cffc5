using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Modbus;

/// <summary>The whole product with Modbus instruments: real mosquitto and influxd, the service (the same composition
/// root Program.cs uses) polling the Modbus simulator over TCP on loopback and over RTU through a socat pty pair.</summary>
internal sealed class ModbusRig : IAsyncDisposable
{
    public const string TcpConnection = "gw";
    public const string RtuConnection = "line";

    public const string FacilityJson = """
        {
          "site": { "id": "mbtest", "name": "Modbus integration site", "timeZone": "Europe/Berlin" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1", "grade": "C", "adjacent": ["al1"] },
            { "id": "al1", "name": "Airlock", "grade": "D", "adjacent": ["cr1"] }
          ],
          "sensors": [
            { "id": "pc1", "room": "cr1", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "1s", "source": "modbus" },
            { "id": "th1", "room": "cr1", "parameters": ["temperature", "relative_humidity"], "interval": "1s", "source": "modbus" },
            { "id": "dp1", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1", "interval": "1s", "source": "modbus" },
            { "id": "inc1", "room": "cr1", "parameters": ["co2", "temperature"], "equipment": "incubator", "interval": "2s", "source": "modbus" },
            { "id": "dp2", "room": "al1", "parameters": ["differential_pressure"], "reference": "cr1", "interval": "1s", "source": "modbus" },
            { "id": "th2", "room": "al1", "parameters": ["temperature", "relative_humidity"], "interval": "1s", "source": "modbus" },
            { "id": "th3", "room": "al1", "parameters": ["temperature"] }
          ]
        }
        """;

    private readonly ServiceRig _stack;

    private ModbusRig(ServiceRig stack, SocatLine line, int port)
    {
        _stack = stack;
        Line = line;
        Port = port;
    }

    public MosquittoProcess Broker => _stack.Broker;

    public InfluxProcess Influx => _stack.Influx;

    public SocatLine Line { get; }

    public int Port { get; }

    public ModbusSimulation Simulation { get; private set; } = null!;

    /// <summary>The simulator presenting <see cref="Rounds"/> more readings per device, one per sensor interval, after a
    /// first round the service has already polled (a live device's value that changes before anyone polls it is never
    /// seen, by design).</summary>
    public Task SimulationRun { get; private set; } = Task.CompletedTask;

    public const int Rounds = 6;

    /// <summary>The service's log across restarts (the console keeps its output too).</summary>
    public ServiceLog Logs { get; } = new();

    public WebApplication App => _stack.Service.App;

    public InfluxClient InfluxClient => App.Services.GetRequiredService<InfluxClient>();

    public ModbusMetrics Metrics => App.Services.GetRequiredService<ModbusMetrics>();

    public IngestStatistics Ingest => App.Services.GetRequiredService<IngestStatistics>();

    public static async Task<ModbusRig> StartAsync(CancellationToken cancellationToken = default)
    {
        var stackTask = ServiceRig.StartAsync(CleanroomMonitorApp.Build, "modbus-rig", cancellationToken: cancellationToken);
        var lineTask = SocatLine.StartAsync(cancellationToken);
        var rig = new ModbusRig(await stackTask, await lineTask, FreePort.Next());
        try
        {
            await rig.StartServiceAsync(cancellationToken);
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>Counts points of one sensor in InfluxDB (all parameters).</summary>
    public Task<long> CountPointsAsync(string sensor, CancellationToken cancellationToken = default) =>
        MonitorRig.CountAsync(InfluxClient, $"SELECT count(\"value\") FROM \"reading\" WHERE \"sensor\" = '{sensor}'", cancellationToken);

    public Task<long> CountAllPointsAsync(CancellationToken cancellationToken = default) =>
        MonitorRig.CountAsync(InfluxClient, "SELECT count(\"value\") FROM \"reading\"", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stack.StopServiceAsync();
        Simulation?.Dispose();
        await Line.DisposeAsync();
        await _stack.DisposeAsync();
    }

    private async Task StartServiceAsync(CancellationToken cancellationToken)
    {
        var facilityFile = await _stack.WriteFileAsync("facility.json", FacilityJson, cancellationToken);
        var modbusFile = await _stack.WriteFileAsync("modbus.json", ConnectionFile(), cancellationToken);

        // The simulator reads the same connection file and profiles as the service.
        var facility = FacilityReader.Load(facilityFile);
        var plan = ModbusPlanReader.Load(modbusFile, facility);
        Simulation = new ModbusSimulation(facility, plan, new Dictionary<string, string> { [RtuConnection] = Line.A }, TimeProvider.System,
            NullLogger.Instance, seed: 7);
        Simulation.Start();
        var first = TimeProvider.System.GetUtcNow();
        await Simulation.RunAsync(1, cancellationToken, first);
        await StartAppAsync(facilityFile, modbusFile, cancellationToken);
        SimulationRun = Simulation.RunAsync(Rounds, cancellationToken, first.AddSeconds(2));
    }

    /// <summary>Stops the service (as a shutdown does), runs <paramref name="whileDown"/>, and starts it again on the same
    /// buffer, records and Modbus cursor file.</summary>
    public async Task RestartServiceAsync(Func<Task> whileDown, CancellationToken cancellationToken = default)
    {
        await _stack.StopServiceAsync();
        await whileDown();
        await StartAppAsync(_stack.Directory.Combine("facility.json"), _stack.Directory.Combine("modbus.json"), cancellationToken);
    }

    private async Task StartAppAsync(string facilityFile, string modbusFile, CancellationToken cancellationToken)
    {
        var settings = _stack.Settings(facilityFile, "mbtest") with { ModbusFile = modbusFile, InfluxFlushInterval = TimeSpan.FromMilliseconds(100) };
        await _stack.StartServiceAsync(settings, Logs, cancellationToken);
        await Eventually.UntilAsync(async ct => await CountPointsAsync("inc1", ct) > 0, TimeSpan.FromSeconds(30), "the first reading of inc1 in InfluxDB",
            () => Task.FromResult("Service log:\n" + Logs.Tail()), cancellationToken);
    }

    private string ConnectionFile() => $$"""
        {
          "profiles": "{{Path.Combine(RepositoryPaths.Root, "deploy", "config", "profiles")}}",
          "defaults": { "pollInterval": "300ms", "responseTimeout": "100ms", "missedPollsBeforeLoss": 3, "reconnectDelayMin": "100ms", "reconnectDelayMax": "500ms" },
          "connections": [
            { "id": "{{TcpConnection}}", "tcp": { "host": "127.0.0.1", "port": {{Port}} },
              "devices": [
                { "unitId": 1, "profile": "lighthouse-remote-3104p", "sensor": "pc1" },
                { "unitId": 2, "profile": "vaisala-hmw90", "sensor": "th1" },
                { "unitId": 3, "profile": "dp-transmitter-int16", "sensor": "dp1" },
                { "unitId": 4, "profile": "co2-incubator-generic", "sensor": "inc1" }
              ] },
            { "id": "{{RtuConnection}}", "rtu": { "device": "{{Line.B}}", "baud": 115200 },
              "devices": [
                { "unitId": 10, "profile": "dp-transmitter-int16", "sensor": "dp2" },
                { "unitId": 11, "profile": "vaisala-hmw90", "sensor": "th2" }
              ] }
          ]
        }
        """;
}
