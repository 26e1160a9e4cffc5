using System.CommandLine;
using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.CommandLine;
using CleanroomMonitor.Simulators.Fleet;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.Simulators.Oq;
using CleanroomMonitor.Simulators.Scenarios;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Simulators;

/// <summary>The scenario, fleet and OQ commands (docs/simulators.md).</summary>
internal static class SimulatorCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Option<FileInfo> FacilityOption() => new("--facility") { Description = "The facility definition file", Required = true };



    private static Option<double> SpeedOption(double byDefault) => new("--speed")
    {
        Description = "Time factor: 1 (real time), 60 (a minute a second), or max (as fast as possible)",
        DefaultValueFactory = _ => byDefault,
        CustomParser = SpeedFactor.Parse,
    };

    private static Option<Uri?> ApiOption(bool required) => new("--api")
    {
        Description = "The service's address, e.g. http://127.0.0.1:5080, to check expectations",
        Required = required,
        CustomParser = HttpAddress.Parse,
    };

    private static Option<string?> TokenOption(bool required) => new("--token") { Description = "An API token with at least the Viewer role", Required = required };

    /// <summary>The environment variable the signer's password is read from (never an argument: arguments show in the process list).</summary>
    public const string SignerPasswordVariable = "CLEANROOM_OQ_SIGNER_PASSWORD";

    private static Option<FileInfo?> ModbusOption() => new("--modbus")
    {
        Description = "A Modbus connection file whose TCP devices to serve during the run (the installation polls them; the comm-loss scenario silences one)",
    };

    private static Option<string?> SignerOption() => new("--signer")
    {
        Description = $"A user with the QA role who signs the acknowledgement and closure (password in {SignerPasswordVariable}, or on standard input)",
    };

    private static Option<string?> RecordsCommandOption() => new("--records-command")
    {
        Description = "The service's command on this host, e.g. \"dotnet /opt/cleanroom-monitor/CleanroomMonitor.Service.dll\", for the backup check (records backup, records verify)",
    };

    private static Option<int?> SmtpPortOption() => new("--smtp-port")
    {
        Description = "Run an SMTP sink on this loopback port for the run; the installation sends its alarm mails there (alarm-delivery rows)",
    };

    private static Option<int?> GatewayPortOption() => new("--gateway-port")
    {
        Description = $"Run an SMS gateway listener on this loopback port for the run (path {AlarmSinks.GatewayPath}); the installation's sms gateway points there",
    };

    private static Option<TimeSpan> PatienceOption() => new("--patience")
    {
        Description = "How long to wait for what the service should show (hh:mm:ss)",
        DefaultValueFactory = _ => TimeSpan.FromSeconds(30),
    };

    public static Command Scenario()
    {
        var dirOption = new Option<DirectoryInfo>("--dir") { Description = "The scenario library folder", DefaultValueFactory = _ => new DirectoryInfo(ScenarioLibrary.DefaultFolder) };
        var list = new Command("list", "List the scenarios of the library: name, length, events and the requirements each proves") { dirOption };
        list.SetAction(parse =>
        {
            foreach (var scenario in ScenarioLibrary.Load(parse.GetValue(dirOption)!.FullName, null))
            {
                Console.WriteLine($"{scenario.Name,-34} {scenario.Duration,-9} {scenario.Events.Count,2} events  {Path.GetFileName(scenario.File)}");
                Console.WriteLine($"    {scenario.Description}");
                foreach (var requirement in scenario.Expectations.Select(e => e.Requirement).Distinct(StringComparer.Ordinal))
                {
                    Console.WriteLine($"    proves {requirement}");
                }
            }
            return 0;
        });

        var fileArgument = new Argument<FileInfo>("file") { Description = "The scenario file" };
        var facility = FacilityOption();
        var speed = SpeedOption(60);
        var dryRun = new Command("dry-run", "Print a scenario's timeline (events, real-time windows, expectations) without connecting") { fileArgument, facility, speed };
        dryRun.SetAction(parse =>
        {
            var definition = FacilityReader.Load(parse.GetValue(facility)!.FullName);
            var scenario = ScenarioReader.Load(parse.GetValue(fileArgument)!.FullName, definition);
            var clock = new ScenarioClock(scenario.Duration, parse.GetValue(speed), RealTime(scenario), DateTimeOffset.UnixEpoch);
            Console.WriteLine($"{scenario.Name}: {scenario.Description}");
            Console.WriteLine($"  lasts {scenario.Duration} of scenario time, {clock.WallElapsed(scenario.Duration)} of wall time; timestamps start {clock.Offset} in the past");
            foreach (var e in scenario.Events)
            {
                Console.WriteLine($"  {e.At,-9} wall +{clock.WallElapsed(e.At),-17} {ScenarioReader.Kebab(e.Type),-15} {e.Sensor ?? e.Room ?? string.Join(",", e.Rooms)} {e.Batch}"
                    + (e.Duration > TimeSpan.Zero ? $" for {e.Duration}" : "") + (e.Samples is { } n ? $" for {n} sample(s)" : ""));
            }
            foreach (var e in scenario.Expectations)
            {
                Console.WriteLine($"  expect {e.Describe()}  [{e.Requirement}]");
            }
            return 0;
        });

        var broker = new BrokerOptions();
        var api = ApiOption(required: false);
        var token = TokenOption(required: false);
        var patience = PatienceOption();
        var modbus = ModbusOption();
        var signer = SignerOption();
        var recordsCommand = RecordsCommandOption();
        var run = new Command("run", "Play a scenario against a broker (and check its expectations through the service's API); prints the result as JSON")
        {
            fileArgument, facility, speed, api, token, patience, modbus, signer, recordsCommand,
        };
        broker.AddTo(run);
        // Without --api nothing is checked through the service, so what only the checks use must not be typed in vain.
        run.RequireFor(api, token, signer, recordsCommand);
        run.RequireFor(token, api);
        run.SetAction(async (parse, cancellationToken) =>
        {
            var definition = FacilityReader.Load(parse.GetValue(facility)!.FullName);
            var scenario = ScenarioReader.Load(parse.GetValue(fileArgument)!.FullName, definition);
            await using var client = await broker.ConnectAsync(parse, "scenario", cancellationToken);
            using var service = parse.GetValue(api) is { } url ? new ServiceApi(url, parse.GetValue(token) ?? "") : null;
            using var signing = service is null ? null : await SignerAsync(parse.GetValue(signer), service.BaseAddress);
            await using var devices = ServeModbus(parse.GetValue(modbus), definition, cancellationToken);
            var runner = new ScenarioRunner(definition, client, service, TimeProvider.System)
            {
                Patience = parse.GetValue(patience),
                Modbus = devices?.Simulation,
                Records = service is null ? null : new RecordChecks(service)
                {
                    Signer = signing,
                    RecordsCommand = parse.GetValue(recordsCommand) is { } command ? RecordsCommandLine.Parse(command) : null,
                    BackupFolder = Path.Combine(Path.GetTempPath(), "cleanroom-scenario-backups"),
                },
            };
            var result = await runner.RunAsync(scenario, parse.GetValue(speed), cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(result, Json));
            return result.Passed ? 0 : 1;
        });
        return new Command("scenario", "Scripted scenarios: list the library, print a timeline, run one") { list, dryRun, run };
    }

    public static Command Fleet()
    {
        var rooms = new Option<int>("--rooms") { Description = "Rooms", DefaultValueFactory = _ => 10 };
        var sensors = new Option<int>("--sensors") { Description = "Sensors per room", DefaultValueFactory = _ => 10 };
        var rate = new Option<double>("--rate") { Description = "Readings per second per sensor", DefaultValueFactory = _ => 1 };
        var duration = new Option<TimeSpan>("--duration") { Description = "How long to publish (hh:mm:ss)", DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
        var writeFacility = new Option<FileInfo?>("--write-facility") { Description = "Write the generated facility here (start the service on it) and exit" };
        var broker = new BrokerOptions();
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var transport = new Option<FleetTransport>("--transport") { Description = "mqtt (publish) or modbus (serve devices the service polls)", DefaultValueFactory = _ => FleetTransport.Mqtt };
        var servers = new Option<int>("--servers") { Description = "Modbus: how many TCP servers the devices are dealt over", DefaultValueFactory = _ => 1 };
        var basePort = new Option<int>("--base-port") { Description = "Modbus: the first server's port; the others follow", DefaultValueFactory = _ => 15100 };
        var profiles = new Option<DirectoryInfo>("--profiles") { Description = "Modbus: the device profiles folder", DefaultValueFactory = _ => new DirectoryInfo("deploy/config/profiles") };
        var writeModbus = new Option<FileInfo?>("--write-modbus") { Description = "Modbus: write the connection file here (with --write-facility: start the service on both) and exit" };
        var fleet = new Command("fleet", "Load: rooms × sensors probes at a rate, published over MQTT or served as Modbus TCP devices; prints what was sent as JSON")
        {
            rooms, sensors, rate, duration, writeFacility, seed, transport, servers, basePort, profiles, writeModbus,
        };
        broker.AddTo(fleet);
        fleet.RefuseUnless(r => r.GetValue(transport) == FleetTransport.Modbus, "applies to --transport modbus only", servers, basePort, profiles, writeModbus);
        fleet.RefuseUnless(r => r.GetValue(transport) == FleetTransport.Mqtt, "applies to --transport mqtt only (Modbus devices are polled, not published)", [.. broker.All]);
        fleet.SetAction(async (parse, cancellationToken) =>
        {
            var (r, s, hz, via) = (parse.GetValue(rooms), parse.GetValue(sensors), parse.GetValue(rate), parse.GetValue(transport));
            if (r < 1 || s < 1 || !(hz > 0) || hz > 1000)
            {
                await Console.Error.WriteLineAsync("fleet: --rooms and --sensors must be 1 or more, --rate above 0 and at most 1000");
                return 2;
            }
            var (m, first, profileFolder) = (parse.GetValue(servers), parse.GetValue(basePort), parse.GetValue(profiles)!.FullName);
            if (via == FleetTransport.Modbus && FleetModbusPlan.Problem(r, s, m, first) is { } problem)
            {
                await Console.Error.WriteLineAsync("fleet: " + problem);
                return 2;
            }
            if (parse.GetValue(writeFacility) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, FleetFacility.Json(r, s, hz, via), cancellationToken);
                Console.WriteLine($"fleet: wrote {r * s} sensors in {r} rooms to {file.FullName}");
            }
            if (via == FleetTransport.Modbus && parse.GetValue(writeModbus) is { } connections)
            {
                await File.WriteAllTextAsync(connections.FullName, FleetModbusPlan.Json(r, s, hz, m, first, profileFolder), cancellationToken);
                Console.WriteLine($"fleet: wrote {r * s} Modbus devices on {m} servers (ports {first}-{first + m - 1}) to {connections.FullName}");
            }
            if (parse.GetValue(writeFacility) is not null || parse.GetValue(writeModbus) is not null)
            {
                return 0;
            }
            if (via == FleetTransport.Modbus)
            {
                var facilityOfFleet = FleetFacility.Build(r, s, hz, FleetTransport.Modbus);
                var plan = FleetModbusPlan.Build(facilityOfFleet, r, s, hz, m, first, profileFolder);
                using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
                var served = await new FleetModbusServers(facilityOfFleet, plan, TimeProvider.System, loggers.CreateLogger("Fleet"), parse.GetValue(seed))
                    .RunAsync(hz, parse.GetValue(duration), cancellationToken);
                Console.WriteLine(JsonSerializer.Serialize(served, Json));
                return 0;
            }
            var definition = FleetFacility.Build(r, s, hz);
            await using var client = await broker.ConnectAsync(parse, "fleet", cancellationToken);
            var report = await new FleetPublisher(definition, client, TimeProvider.System, parse.GetValue(seed)).RunAsync(hz, parse.GetValue(duration), cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(report, Json));
            return 0;
        });
        return fleet;
    }

    public static Command Oq()
    {
        var facility = FacilityOption();
        var broker = new BrokerOptions();
        var api = ApiOption(required: true);
        var token = TokenOption(required: true);
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to write oq-report.html and oq-report.csv", Required = true };
        var dir = new Option<DirectoryInfo>("--dir") { Description = "The scenario library folder", DefaultValueFactory = _ => new DirectoryInfo(ScenarioLibrary.DefaultFolder) };
        var only = new Option<string[]>("--scenario") { Description = "Run only these scenarios of the library (by name, repeatable): a re-test of failed requirements", AllowMultipleArgumentsPerToken = true };
        var speed = SpeedOption(60);
        var patience = PatienceOption();
        var modbus = ModbusOption();
        var signer = SignerOption();
        var recordsCommand = RecordsCommandOption();
        var smtpPort = SmtpPortOption();
        var gatewayPort = GatewayPortOption();
        var retestOf = new Option<string?>("--retest-of")
        {
            Description = "The id of the OQ run (OQ-…) whose deviations the --scenario run re-tests; the report says \"Re-test of OQ run RUNID\"",
        };
        var submit = new Option<bool>("--submit")
        {
            Description = "After writing the report, submit it to the installation's OQ record store (POST /api/qualification/runs)",
        };
        var run = new Command("run", "Run the scenario library against a running installation and write the OQ report (HTML and CSV)")
        {
            facility, api, token, output, dir, only, speed, patience, modbus, signer, recordsCommand, smtpPort, gatewayPort, retestOf, submit,
        };
        broker.AddTo(run);
        // The kit's alarm sinks start only as a pair (AlarmSinks): one port alone would leave the alarm-delivery rows "not run".
        run.RequireFor(smtpPort, gatewayPort);
        run.RequireFor(gatewayPort, smtpPort);
        // A re-test repeats the scenarios of the deviations it answers, never the whole library under another name.
        run.RequireFor(only, retestOf);
        run.SetAction(async (parse, cancellationToken) =>
        {
            var facilityFile = parse.GetValue(facility)!.FullName;
            var definition = FacilityReader.Load(facilityFile);
            var scenarios = ScenarioLibrary.Load(parse.GetValue(dir)!.FullName, definition);
            if (parse.GetValue(only) is { Length: > 0 } names)
            {
                if (names.Except(scenarios.Select(s => s.Name), StringComparer.Ordinal).ToList() is { Count: > 0 } unknown)
                {
                    await Console.Error.WriteLineAsync($"--scenario: no scenario named {string.Join(", ", unknown)} in {parse.GetValue(dir)!.FullName} (the library has {string.Join(", ", scenarios.Select(s => s.Name))})");
                    return 2;
                }
                scenarios = [.. scenarios.Where(s => names.Contains(s.Name, StringComparer.Ordinal))];
            }
            await using var client = await broker.ConnectAsync(parse, "oq", cancellationToken);
            using var service = new ServiceApi(parse.GetValue(api)!, parse.GetValue(token)!);
            using var signing = await SignerAsync(parse.GetValue(signer), service.BaseAddress);
            await using var devices = ServeModbus(parse.GetValue(modbus), definition, cancellationToken);
            await using var alarms = parse.GetValue(smtpPort) is { } smtp && parse.GetValue(gatewayPort) is { } gateway
                ? await AlarmSinks.StartAsync(smtp, gateway, TimeProvider.System, cancellationToken)
                : null;
            var records = new RecordChecks(service)
            {
                Signer = signing,
                RecordsCommand = parse.GetValue(recordsCommand) is { } command ? RecordsCommandLine.Parse(command) : null,
                BackupFolder = parse.GetValue(output)!.FullName,
            };
            var report = await new OqRun(definition, facilityFile, client, service, TimeProvider.System)
            {
                Patience = parse.GetValue(patience),
                Modbus = devices?.Simulation,
                Records = records,
                Alarms = alarms,
                Progress = Console.WriteLine,
                ModbusFile = parse.GetValue(modbus)?.FullName,
                RetestOf = parse.GetValue(retestOf),
            }.RunAsync(scenarios, parse.GetValue(speed), cancellationToken);
            // Written even when stopped: the partial report says what ran and what did not.
            var (html, csv) = await report.WriteAsync(parse.GetValue(output)!.FullName, CancellationToken.None);
            if (report.Stopped)
            {
                Console.WriteLine($"OQ STOPPED: {report.Rows.Count(r => r.Passed)} of {report.Rows.Count()} expectations met before the stop; partial report in {parse.GetValue(output)!.FullName} "
                    + $"(OQ run {report.RunId})");
            }
            else
            {
                Console.WriteLine($"OQ {(report.Passed ? "PASS" : "FAIL")}: {report.Rows.Count(r => r.Passed)} of {report.Rows.Count()} expectations met, "
                    + $"{report.Unexpected.Count} unexpected event(s); report in {parse.GetValue(output)!.FullName} (OQ run {report.RunId}, {report.Deviations.Count} deviation(s))");
            }
            if (parse.GetValue(submit) && !await SubmitAsync(service, OqSubmission.Of(report, html, csv)))
            {
                return SubmitFailed;
            }
            return report.Stopped ? 130 : report.Passed ? 0 : 1;
        });
        return new Command("oq", "Operational qualification kit") { run, OqGenerateCommand.Create() };
    }

    /// <summary>The exit code of <c>oq run --submit</c> when the service refused or missed the report (the files stay written).</summary>
    public const int SubmitFailed = 3;

    /// <summary>Posts the report to the installation's OQ record store; says where it is, or why not. Not cancelled by
    /// Ctrl+C: a stopped run's partial report is submitted as such.</summary>
    private static async Task<bool> SubmitAsync(ServiceApi service, OqSubmission body)
    {
        try
        {
            var (id, url) = await service.SubmitRunAsync(body, CancellationToken.None);
            Console.WriteLine($"submitted as {id}: {url}");
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"submit: the service did not take OQ run {body.RunId}: {ex.Message} (the report files stay written)");
            return false;
        }
    }

    public static IEnumerable<(TimeSpan From, TimeSpan To)> RealTime(Scenarios.Scenario scenario) => ScenarioRunner.RealTime(scenario);

    /// <summary>The signer's session, the password from <see cref="SignerPasswordVariable"/> or the first line of standard input.</summary>
    private static async Task<SignerSession?> SignerAsync(string? user, Uri api)
    {
        if (user is null)
        {
            return null;
        }
        var password = Environment.GetEnvironmentVariable(SignerPasswordVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : await Console.In.ReadLineAsync() ?? "";
        return new SignerSession(api, user, password);
    }

    /// <summary>Serves the TCP devices of a Modbus connection file for the run (null without a file).</summary>
    private static ServedModbus? ServeModbus(FileInfo? file, FacilityDefinition facility, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return null;
        }
        var plan = ModbusPlanReader.Load(file.FullName, facility);
        var simulation = new ModbusSimulation(facility, plan, new Dictionary<string, string>(), TimeProvider.System, NullLogger.Instance, seed: 1);
        return ServedModbus.Start(simulation, cancellationToken);
    }
}
