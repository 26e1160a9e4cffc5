using System.CommandLine;
using System.Text;
using CleanroomMonitor.Core.Configuration;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators;
using CleanroomMonitor.Simulators.CommandLine;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.Simulators.Publishing;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.Simulators.Signals;
using Microsoft.Extensions.Logging;

var facilityOption = new Option<FileInfo>("--facility") { Description = "The facility definition file", Required = true };
var hostOption = new Option<string>("--host") { Description = "MQTT broker host (loopback in tests and demos)", DefaultValueFactory = _ => "127.0.0.1" };
var portOption = new Option<int>("--port") { Description = "MQTT broker port", DefaultValueFactory = _ => 1883 };
var roundsOption = new Option<int?>("--rounds")
{
    Description = "Stop after this many samples per sensor; with --scenario: play the scenario this many times back to back, then stop (default: run until Ctrl+C)",
};
roundsOption.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int?>() is < 1)
    {
        result.AddError("--rounds: 1 or more");
    }
});
var seedOption = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same signals", DefaultValueFactory = _ => 1 };

var batchOption = new Option<string[]>("--start-batch")
{
    Description = "Announce a batch start as a MES would, over MQTT, before publishing: NUMBER:ROOM[,ROOM]:TENANT:PRODUCT (repeatable); the message names the API token in CLEANROOM_MES_TOKEN",
    AllowMultipleArgumentsPerToken = false,
};
var mqttScenarioOption = new Option<FileInfo?>("--scenario")
{
    Description = "Play this scenario's events in real time on top of the natural signals, then go on publishing (the demo's scripted excursion); with --rounds N, play it N times and stop",
};
var mqtt = new Command("mqtt", "Publish every sensor of the facility over MQTT in real time") { facilityOption, hostOption, portOption, roundsOption, seedOption, batchOption, mqttScenarioOption };
// A scenario's signals come from its own "seed" (ScenarioRounds), so --seed beside --scenario would change nothing.
mqtt.RefuseUnless(r => !r.IsGiven(mqttScenarioOption), "does not apply with --scenario (the scenario file's seed sets its signals)", seedOption);
mqtt.SetAction(async (parse, cancellationToken) =>
{
    var facility = Load(parse.GetValue(facilityOption)!);
    using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
    var options = new MqttClientOptions
    {
        Host = parse.GetValue(hostOption)!,
        Port = parse.GetValue(portOption),
        ClientId = $"cleanroom-simulator-{facility.Site.Id}",
        CleanSession = true,
    };
    await using var client = new MqttClient(options, TimeProvider.System, loggers.CreateLogger<MqttClient>());
    client.Start();
    var logger = loggers.CreateLogger("Simulator");
    logger.Simulating(facility.Sensors.Count, facility.Site.Id, options.Host, options.Port);
    // From the environment, never an argument: the token is a credential and arguments show in the process list.
    var mesToken = Environment.GetEnvironmentVariable("CLEANROOM_MES_TOKEN");
    var publisher = new FacilityPublisher(facility, client, TimeProvider.System, logger, parse.GetValue(seedOption));
    foreach (var batch in parse.GetValue(batchOption) ?? [])
    {
        if (MesMessage.TryStart(batch, mesToken, out var payload))
        {
            await client.PublishAsync($"{facility.Site.TopicRoot}/{facility.Site.Id}/mes/batches", payload, qos: 1, retain: false, cancellationToken);
        }
        else
        {
            await Console.Error.WriteLineAsync($"--start-batch '{batch}': expected NUMBER:ROOM[,ROOM]:TENANT:PRODUCT");
            return 2;
        }
    }
    if (parse.GetValue(mqttScenarioOption) is { } scenarioFile)
    {
        var scenario = ScenarioReader.Load(scenarioFile.FullName, facility);
        var rounds = parse.GetValue(roundsOption);
        var player = new ScenarioRounds(facility, scenario, client, TimeProvider.System)
        {
            MesToken = mesToken,
            InOperation = [.. (parse.GetValue(batchOption) ?? []).SelectMany(b => b.Split(':').ElementAtOrDefault(1)?.Split(',') ?? []).Select(r => new RoomId(r.Trim()))],
        };
        logger.PlayingScenario(scenario.Name, scenario.Duration, rounds?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1, then natural signals");
        try
        {
            await player.PlayAsync(rounds, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        logger.Published(player.Published);
        return 0;
    }
    try
    {
        await publisher.RunAsync(parse.GetValue(roundsOption), cancellationToken);
    }
    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
    {
    }
    logger.Published(publisher.Published);
    return 0;
});

var list = new Command("list", "List the sensors a facility definition will simulate, with their topics") { facilityOption };
list.SetAction(parse =>
{
    var facility = Load(parse.GetValue(facilityOption)!);
    foreach (var sensor in facility.Sensors)
    {
        Console.WriteLine($"{sensor.Id,-14} {sensor.Room,-9} grade {sensor.Grade?.ToString() ?? "-"}  every {sensor.Interval,-9} {string.Join(",", sensor.Parameters.Select(p => p.WireName())),-40} {sensor.Topic}");
    }
    return 0;
});

var dryRun = new Command("dry-run", "Print the first samples each sensor would publish, without connecting") { facilityOption, seedOption };
dryRun.SetAction(parse =>
{
    var facility = Load(parse.GetValue(facilityOption)!);
    var now = DateTimeOffset.UtcNow;
    foreach (var (sensor, index) in facility.Sensors.Select((s, i) => (s, i)))
    {
        var sample = new SensorSignal(sensor, parse.GetValue(seedOption) + index).Next(now);
        Console.WriteLine($"{sensor.Topic} {Encoding.UTF8.GetString(SamplePayload.Encode(sample))}");
    }
    return 0;
});

var modbusFileOption = new Option<FileInfo>("--modbus") { Description = "The Modbus connection file the service polls (its profiles folder is used too)", Required = true };
var serialOption = new Option<string[]>("--serial")
{
    Description = "For an RTU connection: <connection-id>=<serial device> to serve (the other end of the line the service polls)",
    AllowMultipleArgumentsPerToken = true,
};
var modbus = new Command("modbus", "Serve every device of a Modbus connection file (TCP servers by port, RTU on serial devices) in real time")
{
    facilityOption, modbusFileOption, serialOption, roundsOption, seedOption,
};
modbus.SetAction(async (parse, cancellationToken) =>
{
    var facility = Load(parse.GetValue(facilityOption)!);
    var plan = ModbusPlanReader.Load(parse.GetValue(modbusFileOption)!.FullName, facility);
    var serialEnds = (parse.GetValue(serialOption) ?? []).Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);
    using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
    var logger = loggers.CreateLogger("Simulator");
    using var simulation = new ModbusSimulation(facility, plan, serialEnds, TimeProvider.System, logger, parse.GetValue(seedOption));
    simulation.Start();
    try
    {
        await simulation.RunAsync(parse.GetValue(roundsOption), cancellationToken);
    }
    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
    {
    }
    logger.PresentedModbus(simulation.Presented);
    return 0;
});

var root = new RootCommand("CleanroomMonitor device simulators") { mqtt, modbus, list, dryRun, SimulatorCommands.Scenario(), SimulatorCommands.Fleet(), SimulatorCommands.Oq(),
    CleanroomMonitor.Simulators.Sparkplug.SparkplugCommand.Create() };
using var signals = new StopSignals();
try
{
    var parsed = root.Parse(args);
    return parsed.Errors.Count > 0
        ? await ParseErrors.ReportAsync(parsed, Console.Error)
        : await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, signals.Token);
}
catch (ConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}
catch (OperationCanceledException) when (signals.Token.IsCancellationRequested)
{
    // A run stopped half-way (scenario run, oq run, fleet) has no result to print; 130 as a shell reports an interrupted command.
    await Console.Error.WriteLineAsync("stopped before the end: no result");
    return 130;
}

static FacilityDefinition Load(FileInfo file) => FacilityReader.Load(file.FullName);
