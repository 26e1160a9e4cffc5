using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.IntegrationTests.Scenarios;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.CommandLine;

/// <summary>Every command of <c>CleanroomMonitor.Simulators</c> run as a user runs it (docs/simulators.md): the built
/// program as a process, from the repository's root, with the documented arguments; its exit code and output asserted.
/// The commands that talk to a broker or the service get the scenario rig's real mosquitto and the service on the OQ
/// facility (issue 24: <c>oq run --api</c> crashed because the command line itself was never run). Only one test plays
/// scenarios on the class's rig (see <see cref="ScenarioRun_ShortestLibraryScenarioAtMaxSpeedWithApi_PrintsPassedResultAndExitsZero"/>).</summary>
public sealed class SimulatorsCommandLineTests(ScenarioRig rig) : IClassFixture<ScenarioRig>
{
    private const string OqFacility = "deploy/config/facility.oq.json";
    private const string DemoFacility = "deploy/config/facility.demo.json";

    /// <summary>Two MQTT sensors and a Sparkplug edge node every second: <c>--rounds 1</c> ends within a second.</summary>
    private const string QuickFacility = """
        {
          "site": { "id": "cli", "name": "Command line test site", "timeZone": "Europe/Berlin" },
          "rooms": [ { "id": "cr1", "name": "Suite 1", "grade": "C" } ],
          "sensors": [
            { "id": "th1", "room": "cr1", "parameters": ["temperature", "relative_humidity"], "interval": "1s" },
            { "id": "pc1", "room": "cr1", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "1s" },
            { "id": "sp-th", "room": "cr1", "parameters": ["temperature", "relative_humidity"], "interval": "1s", "source": "sparkplug",
              "sparkplug": { "group": "cli", "edgeNode": "gw1", "metrics": { "temperature": "Room/Temperature", "relative_humidity": "Room/RH" } } }
          ]
        }
        """;

    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(20);

    private string Port => rig.BrokerPort.ToString(CultureInfo.InvariantCulture);

    private string Api => ApiOf(rig);

    /// <summary>The service's address as the docs write it (no trailing slash).</summary>
    private static string ApiOf(ScenarioRig installation) => $"http://127.0.0.1:{installation.BaseAddress.Port.ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task List_DemoFacility_PrintsEverySensorWithItsTopic()
    {
        var facility = FacilityReader.Load(Path.Combine(RepositoryPaths.Root, DemoFacility));

        var run = await BuiltPrograms.SimulatorsAsync("list", "--facility", DemoFacility);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(facility.Sensors.Count, lines.Length);
        Assert.All(facility.Sensors, s => Assert.Contains(lines, l => l.StartsWith(s.Id.Value + " ", StringComparison.Ordinal) && (s.Topic is null || l.TrimEnd().EndsWith(s.Topic, StringComparison.Ordinal))));
    }

    [Fact]
    public async Task DryRun_DemoFacility_PrintsOneJsonSampleOnEachSensorsTopic()
    {
        var facility = FacilityReader.Load(Path.Combine(RepositoryPaths.Root, DemoFacility));

        var run = await BuiltPrograms.SimulatorsAsync("dry-run", "--facility", DemoFacility);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var sensor in facility.Sensors.Where(s => s.Topic is not null))
        {
            var line = Assert.Single(run.Output.Split('\n'), l => l.StartsWith(sensor.Topic + " {", StringComparison.Ordinal));
            using var sample = JsonDocument.Parse(line[(sensor.Topic!.Length + 1)..]);
            Assert.Equal(JsonValueKind.Object, sample.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task Mqtt_OneRound_EveryMqttSensorPublishesOneSampleToTheBroker()
    {
        using var directory = new TempDirectory("cli-mqtt");
        var facilityFile = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facilityFile, QuickFacility);
        var topics = FacilityReader.Load(facilityFile).Sensors.Where(s => s.Topic is not null).Select(s => s.Topic!).ToList();
        await using var observer = await ObserveAsync([.. topics]);

        var run = await BuiltPrograms.SimulatorsAsync("mqtt", "--facility", facilityFile, "--port", Port, "--rounds", "1", "--seed", "7");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Published {topics.Count} samples", run.Output, StringComparison.Ordinal);
        var received = await ReceiveAsync(observer, topics.Count);
        Assert.Equal(topics.Order(StringComparer.Ordinal), received.Select(m => m.Topic).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sparkplug_OneRound_EdgeNodeIsBornOnTheBrokerAndExitsZero()
    {
        using var directory = new TempDirectory("cli-sparkplug");
        var facilityFile = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facilityFile, QuickFacility);
        await using var observer = await ObserveAsync("spBv1.0/cli/NBIRTH/#");

        var run = await BuiltPrograms.SimulatorsAsync("sparkplug", "--facility", facilityFile, "--port", Port, "--rounds", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Simulating 1 Sparkplug edge node(s) with 1 sensors of cli", run.Output, StringComparison.Ordinal);
        Assert.Equal("spBv1.0/cli/NBIRTH/gw1", (await ReceiveAsync(observer, 1))[0].Topic);
    }

    [Fact]
    public async Task Modbus_DemoConnectionFile_ServesItsPortUntilStoppedThenExitsZero()
    {
        using var directory = new TempDirectory("cli-modbus");
        // The shipped connection file on a free port, its profiles by absolute path (as ScenarioRig does for the OQ file).
        var connections = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "deploy", "config", "modbus.demo.json")),
            documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        connections["profiles"] = Path.Combine(RepositoryPaths.Root, "deploy", "config", "profiles");
        connections.AsObject().Remove("$schema");
        var port = FreePort.Next();
        connections["connections"]![0]!["tcp"]!["port"] = port;
        var modbusFile = directory.Combine("modbus.json");
        await File.WriteAllTextAsync(modbusFile, connections.ToJsonString());

        var simulator = ServerProcess.Start("dotnet", [BuiltPrograms.Simulators, "modbus", "--facility", DemoFacility, "--modbus", modbusFile], RepositoryPaths.Root);
        await using (simulator)
        {
            await simulator.WaitUntilReadyAsync(ct => FreePort.AcceptsConnectionsAsync("127.0.0.1", port, ct), TimeSpan.FromSeconds(30));
            await simulator.StopAsync();   // SIGTERM, as Ctrl+C or systemd stop it

            Assert.True(simulator.ExitCode == 0, simulator.Output);
            Assert.Contains($"127.0.0.1:{port}", simulator.Output, StringComparison.Ordinal);
            Assert.Contains("Presented", simulator.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ScenarioList_DefaultLibrary_ListsEveryScenarioWithTheRequirementsItProves()
    {
        var run = await BuiltPrograms.SimulatorsAsync("scenario", "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = Directory.GetFiles(ScenarioRig.LibraryFolder, "*.json").Select(Path.GetFileName).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Contains(f!, run.Output, StringComparison.Ordinal));
        Assert.Contains("proves RULE-FAULT:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScenarioDryRun_LibraryScenario_PrintsTheTimelineAndExpectations()
    {
        var run = await BuiltPrograms.SimulatorsAsync("scenario", "dry-run", "deploy/config/scenarios/06-sensor-fault.json", "--facility", OqFacility, "--speed", "60");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("sensor-fault: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("lasts 00:07:00 of scenario time, 00:00:07 of wall time", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"00:02:00\s+wall \+00:00:02\s+fault\s+crc-pc", run.Output);
        Assert.Contains("[RULE-FAULT:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScenarioRun_ShortestLibraryScenarioAtMaxSpeedWithApi_PrintsPassedResultAndExitsZero()
    {
        // An installation of its own: a run at max speed back-dates its timestamps by the scenario's length, and the runner
        // waits (wall time) until that start is after every timestamp the service holds (ScenarioRunner.TimelineStartAsync),
        // so it must be the first run on its service. 08-bad-payloads is the shortest scenario without a real-time part.
        var own = new ScenarioRig();
        await own.InitializeAsync();
        try
        {
            var run = await BuiltPrograms.SimulatorsAsync("scenario", "run", "deploy/config/scenarios/08-bad-payloads.json", "--facility", OqFacility,
                "--port", own.BrokerPort.ToString(CultureInfo.InvariantCulture), "--speed", "max", "--api", ApiOf(own), "--token", ScenarioRig.Token);

            Assert.True(run.ExitCode == 0, run.ToString());
            using var result = JsonDocument.Parse(run.Output);
            Assert.True(result.RootElement.GetProperty("passed").GetBoolean(), run.Output);
            var scenario = ScenarioReader.Load(Path.Combine(RepositoryPaths.Root, "deploy", "config", "scenarios", "08-bad-payloads.json"), own.Facility);
            Assert.Equal(scenario.Expectations.Count, result.RootElement.GetProperty("expectations").GetArrayLength());
        }
        finally
        {
            await own.DisposeAsync();
        }
    }

    [Fact]
    public async Task Fleet_TwoSecondsOverMqtt_PrintsWhatItSentPerSensor()
    {
        var run = await BuiltPrograms.SimulatorsAsync("fleet", "--rooms", "1", "--sensors", "2", "--rate", "5", "--duration", "00:00:02", "--port", Port);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var report = JsonDocument.Parse(run.Output);
        Assert.Equal(2, report.RootElement.GetProperty("sensors").GetInt32());
        Assert.True(report.RootElement.GetProperty("sent").GetInt64() > 0, run.Output);
        Assert.Equal(["r001-s001", "r001-s002"], report.RootElement.GetProperty("perSensor").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Fleet_ModbusWriteFacilityAndConnections_WritesBothFilesAndExits()
    {
        using var directory = new TempDirectory("cli-fleet");
        var facilityFile = directory.Combine("fleet.facility.json");
        var connectionsFile = directory.Combine("fleet.modbus.json");

        var run = await BuiltPrograms.SimulatorsAsync("fleet", "--transport", "modbus", "--rooms", "2", "--sensors", "3", "--rate", "1", "--servers", "2",
            "--base-port", "15100", "--profiles", "deploy/config/profiles", "--write-facility", facilityFile, "--write-modbus", connectionsFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"fleet: wrote 6 sensors in 2 rooms to {facilityFile}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"fleet: wrote 6 Modbus devices on 2 servers (ports 15100-15101) to {connectionsFile}", run.Output, StringComparison.Ordinal);
        Assert.Equal(6, FacilityReader.Load(facilityFile).Sensors.Count);
        Assert.True(File.Exists(connectionsFile));
    }

    /// <summary>Issue 24: this command line failed with "Cannot parse argument 'http://…' for option '--api' as expected type
    /// 'System.Uri'" once connected to the broker. The whole library takes minutes, so <c>--dir</c> names a library of one
    /// short scenario copied from the shipped one, then one written to fail. Both on the class's installation, in this order:
    /// the first plays at max speed (it must be the first run on its service, see the scenario run test), the second in real
    /// time (no back-dating, so it does not wait).</summary>
    [Fact]
    public async Task OqRun_DocumentedCommandLineWithApi_WritesTheReportAndExitsZeroOnPassOneOnFail()
    {
        using var passing = new TempDirectory("cli-oq-library");
        File.Copy(Path.Combine(ScenarioRig.LibraryFolder, "06-sensor-fault.json"), passing.Combine("06-sensor-fault.json"));
        using var failing = new TempDirectory("cli-oq-failing");
        await File.WriteAllTextAsync(failing.Combine("never.json"), """
            {
              "name": "never",
              "description": "Expects an excursion nothing causes",
              "duration": "3s",
              "realTimeFrom": "0s",
              "seed": 1,
              "events": [],
              "expect": [
                { "type": "excursion", "requirement": "CLI-FAIL: an expectation that does not hold fails the OQ", "kind": "SensorFault", "level": "Alert", "sensor": "store-pc" }
              ]
            }
            """);
        using var passed = new TempDirectory("cli-oq-pass");
        using var failed = new TempDirectory("cli-oq-fail");

        var pass = await BuiltPrograms.SimulatorsAsync("oq", "run", "--facility", OqFacility, "--port", Port, "--api", Api, "--token", ScenarioRig.Token,
            "--out", passed.Path, "--dir", passing.Path, "--speed", "max");
        var fail = await BuiltPrograms.SimulatorsAsync("oq", "run", "--facility", OqFacility, "--port", Port, "--api", Api, "--token", ScenarioRig.Token,
            "--out", failed.Path, "--dir", failing.Path, "--speed", "max", "--patience", "00:00:01");

        Assert.True(pass.ExitCode == 0, pass.ToString());
        Assert.Contains("OQ 1/1 sensor-fault: 1 of 1 rows pass", pass.Output, StringComparison.Ordinal);   // progress, scenario by scenario
        Assert.Contains($"OQ PASS: 1 of 1 expectations met, 0 unexpected event(s); report in {passed.Path}", pass.Output, StringComparison.Ordinal);
        Assert.Matches(@"\(OQ run OQ-\d{12}-[0-9a-f]{4}, 0 deviation\(s\)\)", pass.Output);
        var csv = await File.ReadAllLinesAsync(Path.Combine(passed.Path, "oq-report.csv"));
        var row = Assert.Single(csv, l => l.Trim('"').StartsWith("RULE-FAULT:", StringComparison.Ordinal));
        Assert.Contains(",pass,", row, StringComparison.Ordinal);
        Assert.All(csv.Skip(1), l => Assert.Contains(",pass,", l, StringComparison.Ordinal));   // prerequisites too: the rig runs the kit's facility file
        Assert.Contains("RULE-FAULT", await File.ReadAllTextAsync(Path.Combine(passed.Path, "oq-report.html")), StringComparison.Ordinal);
        Assert.True(fail.ExitCode == 1, fail.ToString());
        Assert.Contains("OQ FAIL: 0 of 1 expectations met", fail.Output, StringComparison.Ordinal);
        Assert.Contains(",fail,", await File.ReadAllTextAsync(Path.Combine(failed.Path, "oq-report.csv")), StringComparison.Ordinal);
    }

    /// <summary>Issue 24: a stopped OQ run (Ctrl+C, SIGTERM) used to leave nothing behind. Two real-time scenarios (so this
    /// run does not wait behind another test's back-dated timeline); stopped during the second, it writes a partial report
    /// of the first, says which rows were not run, and exits 130.</summary>
    [Fact]
    public async Task OqRun_StoppedDuringTheSecondScenario_WritesAPartialReportAndExits130()
    {
        using var library = new TempDirectory("cli-oq-stop");
        foreach (var (name, duration) in new[] { ("a-quiet", "2s"), ("b-long", "5m") })
        {
            await File.WriteAllTextAsync(library.Combine(name + ".json"), $$"""
                {
                  "name": "{{name}}", "description": "Nothing happens", "duration": "{{duration}}", "realTimeFrom": "0s", "seed": 1, "events": [],
                  "expect": [ { "type": "no-excursion", "requirement": "CLI-QUIET-{{name}}: nothing raised", "kind": "SensorFault", "sensor": "store-pc" } ]
                }
                """);
        }
        using var output = new TempDirectory("cli-oq-partial");

        var oq = ServerProcess.Start("dotnet", [BuiltPrograms.Simulators, "oq", "run", "--facility", OqFacility, "--port", Port, "--api", Api,
            "--token", ScenarioRig.Token, "--out", output.Path, "--dir", library.Path, "--speed", "max"], RepositoryPaths.Root);
        await using (oq)
        {
            await oq.WaitUntilReadyAsync(_ => Task.FromResult(oq.Output.Contains("OQ 1/2 a-quiet: 1 of 1 rows pass", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
            await oq.StopAsync();

            Assert.True(oq.ExitCode == 130, oq.Output);
            Assert.Contains("OQ STOPPED: 1 of 2 expectations met before the stop; partial report in", oq.Output, StringComparison.Ordinal);
            var csv = await File.ReadAllTextAsync(Path.Combine(output.Path, "oq-report.csv"));
            Assert.Contains("CLI-QUIET-a-quiet: nothing raised,,a-quiet", csv, StringComparison.Ordinal);
            Assert.Contains("not run: the run was stopped before this scenario ended,fail", csv, StringComparison.Ordinal);
            Assert.Contains("STOPPED (partial report)", await File.ReadAllTextAsync(Path.Combine(output.Path, "oq-report.html")), StringComparison.Ordinal);
        }
    }

    /// <summary>A command line that cannot be used stops before anything connects, exit code 2, naming the option and
    /// the value on standard error; an option the command would ignore in that combination is refused, not dropped.</summary>
    [Theory]
    [InlineData("--api '127.0.0.1:5080': expected an absolute http or https address", "oq", "run", "--facility", OqFacility, "--api", "127.0.0.1:5080", "--token", "t", "--out", "oq")]
    [InlineData("--api 'ftp://127.0.0.1/': expected an absolute http or https address", "scenario", "run", "f.json", "--facility", OqFacility, "--api", "ftp://127.0.0.1/", "--token", "t")]
    [InlineData("--speed 'fast': expected a time factor of 1 or more, or max", "scenario", "dry-run", "f.json", "--facility", OqFacility, "--speed", "fast")]
    [InlineData("--smtp-port needs --gateway-port", "oq", "run", "--facility", OqFacility, "--api", "http://127.0.0.1:5080", "--token", "t", "--out", "oq", "--smtp-port", "2525")]
    [InlineData("--retest-of needs --scenario", "oq", "run", "--facility", OqFacility, "--api", "http://127.0.0.1:5080", "--token", "t", "--out", "oq", "--retest-of", "OQ-261207080000-1a2b")]
    [InlineData("--token needs --api", "scenario", "run", "f.json", "--facility", OqFacility, "--token", "t")]
    [InlineData("--scenario: no scenario named nope in", "oq", "run", "--facility", OqFacility, "--api", "http://127.0.0.1:5080", "--token", "t", "--out", "oq", "--scenario", "nope")]
    [InlineData("--sensor nope: no such sensor in facility gmp-centre", "oq", "generate", "--facility", DemoFacility, "--out", "never-written", "--sensor", "nope")]
    [InlineData("holds other scenario files (01-incubator-freezer.json", "oq", "generate", "--facility", DemoFacility, "--out", "deploy/config/scenarios", "--sensor", "cr1-th")]
    [InlineData("--write-modbus applies to --transport modbus only", "fleet", "--write-modbus", "never-written.json")]
    [InlineData("--seed does not apply with --scenario", "mqtt", "--facility", DemoFacility, "--scenario", "f.json", "--seed", "3")]
    [InlineData("--rounds: 1 or more", "mqtt", "--facility", DemoFacility, "--rounds", "0")]
    [InlineData("Option '--facility' is required.", "list")]
    [InlineData("Unrecognized command or argument 'publish'", "publish")]
    public async Task BadCommandLine_ExitsTwoNamingTheProblemOnStandardError(string problem, params string[] arguments)
    {
        var run = await BuiltPrograms.SimulatorsAsync(arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
        Assert.False(File.Exists(Path.Combine(RepositoryPaths.Root, "never-written.json")));
        Assert.False(Directory.Exists(Path.Combine(RepositoryPaths.Root, "never-written")));
        Assert.False(File.Exists(Path.Combine(RepositoryPaths.Root, "deploy", "config", "scenarios", "README.md")));
    }

    private async Task<MqttClient> ObserveAsync(params string[] filters)
    {
        var observer = new MqttClient(new MqttClientOptions { Port = rig.BrokerPort, ClientId = "cli-observer-" + Guid.NewGuid().ToString("N")[..8], CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        foreach (var filter in filters)
        {
            observer.Subscribe(filter, 1);
        }
        observer.Start();
        await observer.WaitUntilConnectedAsync(CancellationToken.None);
        return observer;
    }

    /// <summary>The first <paramref name="count"/> messages the observer receives (a signal, not a sleep: fails after a timeout).</summary>
    private static async Task<List<MqttMessage>> ReceiveAsync(MqttClient observer, int count)
    {
        using var timeout = new CancellationTokenSource(MessageTimeout);
        var received = new List<MqttMessage>();
        while (received.Count < count)
        {
            received.Add(await observer.Messages.ReadAsync(timeout.Token));
        }
        return received;
    }
}
