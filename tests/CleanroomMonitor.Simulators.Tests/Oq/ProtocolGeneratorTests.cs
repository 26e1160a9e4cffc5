using System.Security.Cryptography;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Simulators.Oq.Protocol;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Simulators.Tests.Oq;

/// <summary><c>oq generate</c> on the demo site: the generated protocol loads as a scenario library, and its values are
/// checked here against the limits computed from Core independently of the generator.</summary>
public sealed class ProtocolGeneratorTests : IDisposable
{
    private static readonly FacilityDefinition Demo = FacilityReader.Load(RepositoryPaths.DemoFacility);
    private static readonly LimitBook Book = new(Demo);
    private readonly TempDirectory _out = new("oq-generate");

    public void Dispose() => _out.Dispose();

    private static ProtocolSource Source => new("deploy/config/facility.demo.json",
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RepositoryPaths.DemoFacility))), "../facility.demo.json");

    private IReadOnlyList<Scenario> GenerateAndLoad(params string[] sensors)
    {
        foreach (var (name, text) in ProtocolGenerator.Generate(Demo, Source, sensors, []).Files)
        {
            File.WriteAllText(_out.Combine(name), text);
        }
        return ScenarioLibrary.Load(_out.Path, Demo);
    }

    [Fact]
    public void Generate_DemoFacility_AScenarioPerDrivableSensor()
    {
        // Drivable: published over MQTT (the kit's only way to set a value) with a parameter the service judges at rest.
        var drivable = Demo.Sensors
            .Where(s => s.Source == SensorSource.Mqtt && s.Parameters.Any(p => Book.Resolve(s, p, RoomState.AtRest) is not null))
            .Select(s => "site-" + s.Id.Value).Order(StringComparer.Ordinal).ToList();

        var scenarios = GenerateAndLoad();

        Assert.Equal(drivable, scenarios.Select(s => s.Name));
        Assert.Equal(20, scenarios.Count);
        Assert.All(scenarios, s => Assert.Contains(s.Expectations, e => e.Type == ExpectationType.Excursion));
        Assert.All(scenarios, s => Assert.Contains(s.Expectations, e => e.Type == ExpectationType.NoExcursion));
    }

    [Fact]
    public void Generate_DemoFacility_StepValuesLieBeyondCoreLimitsOnTheirSideAndInsideValuesInside()
    {
        var scenarios = GenerateAndLoad();

        var checkedSteps = 0;
        foreach (var scenario in scenarios)
        {
            var sensor = Sensor(scenario);
            foreach (var row in scenario.Expectations)
            {
                var parameter = ParameterCatalog.TryParse(row.Parameter!, out var info) ? info.Parameter : throw new InvalidOperationException(row.Parameter);
                var limits = Book.Resolve(sensor, parameter, RoomState.AtRest)!;
                var at = row.Type == ExpectationType.NoExcursion ? row.From : row.After;
                var value = ValueAt(scenario, sensor, parameter, at);
                Assert.False(limits.Action.Breaches(value) && row.Level != "Action", $"{row.Requirement}: {value} breaches the action limit");
                switch (row.Level)
                {
                    case null:
                        Assert.False(limits.Alert.Breaches(value), $"{row.Requirement}: inside value {value} breaches the alert level {limits.Alert}");
                        break;
                    case "Alert":
                        Assert.True(value >= limits.Alert.High || value <= limits.Alert.Low, $"{row.Requirement}: {value} is not beyond {limits.Alert}");
                        Assert.True(BeyondOnSameSide(value, limits.Alert, limits.Action) is not false, $"{row.Requirement}: {value} on the wrong side");
                        break;
                    default:
                        Assert.True(value >= limits.Action.High || value <= limits.Action.Low, $"{row.Requirement}: {value} is not beyond {limits.Action}");
                        break;
                }
                checkedSteps += row.Level is null ? 0 : 1;
            }
        }
        Assert.True(checkedSteps >= 40, $"only {checkedSteps} steps checked");
    }

    [Fact]
    public void Generate_DemoFacility_RowsNameRequirementClauseAndCriterion()
    {
        var rows = GenerateAndLoad().SelectMany(s => s.Expectations.Select(e => (s, e))).ToList();

        Assert.All(rows, r => Assert.Matches($"^SITE-{r.s.Name["site-".Length..]}-{r.e.Parameter}-(INSIDE|ALERT|ACTION): .+", r.e.Requirement));
        Assert.All(rows, r => Assert.StartsWith("EU GMP Annex 1 ", r.e.Clause, StringComparison.Ordinal));
        Assert.All(rows.Where(r => r.e.Type == ExpectationType.Excursion), r => Assert.True(r.e.Returned));
        Assert.Equal(rows.Count, rows.Select(r => r.e.Requirement.Split(':')[0]).Distinct().Count());
    }

    [Fact]
    public void Generate_DelayedPressureAlarm_StepOutlastsTheJustifiedDelay()
    {
        var scenario = Assert.Single(GenerateAndLoad("al1-dp"));
        var sensor = Sensor(scenario);
        var delay = Book.Resolve(sensor, Parameter.DifferentialPressure, RoomState.AtRest)!.Delay;

        var steps = scenario.Expectations.Where(e => e.Type == ExpectationType.Excursion).ToList();

        Assert.Equal(TimeSpan.FromSeconds(30), delay);
        Assert.Equal(["Alert", "Action"], steps.Select(s => s.Level));
        // The delay runs from the first breaching sample, which can come up to one interval after the step starts.
        Assert.All(steps, s => Assert.True(s.Within >= delay + sensor.Interval * 2, $"{s.Requirement}: step {s.Within} for a delay of {delay}"));
    }

    [Fact]
    public void Generate_SameArgumentsInAnyOrder_SameFiles()
    {
        var first = ProtocolGenerator.Generate(FacilityReader.Load(RepositoryPaths.DemoFacility), Source, ["cr1-th", "cr6-pc"], ["al1"]).Files;

        var second = ProtocolGenerator.Generate(FacilityReader.Load(RepositoryPaths.DemoFacility), Source, ["cr6-pc", "cr1-th"], ["al1"]).Files;

        Assert.Equal(["al1-dp.json", "cr1-th.json", "cr6-pc.json", ProtocolGenerator.ReadmeName], first.Select(f => f.Name));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_ParameterWithoutLimitsAndModbusSensor_ListedAsNotCoveredWithTheFacilityHash()
    {
        // cr6 and the corridor cd are both grade D: no 10 Pa default between them, and the file sets no limit for cr6-dp.
        Assert.Null(Book.Resolve(Sensor("cr6-dp"), Parameter.DifferentialPressure, RoomState.AtRest));

        var protocol = ProtocolGenerator.Generate(Demo, Source, ["cr6-dp", "cr4-th", "cr6-th"], []);

        Assert.Equal(["site-cr6-th"], protocol.Scenarios.Select(s => s.Name));
        Assert.Contains(protocol.NotCovered, g => g is { Sensor: "cr6-dp", Parameter: "differential_pressure" } && g.Reason.StartsWith("no limits at rest", StringComparison.Ordinal));
        Assert.Contains(protocol.NotCovered, g => g is { Sensor: "cr4-th", Parameter: null } && g.Reason.Contains("Modbus", StringComparison.Ordinal));
        var readme = protocol.Files.Single(f => f.Name == ProtocolGenerator.ReadmeName).Text;
        Assert.Contains("| cr6-dp | differential_pressure | no limits at rest", readme, StringComparison.Ordinal);
        Assert.Contains(Source.Sha256, readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_DeadbandWiderThanTheBand_NoStepsAndTheReasonListed()
    {
        var facility = FacilityReader.Parse("""
            { "site": { "id": "deadband", "name": "Deadband", "timeZone": "UTC" },
              "rooms": [ { "id": "r1", "name": "Room 1", "grade": "C",
                           "limits": { "temperature": { "alert": { "low": 19, "high": 23 }, "action": { "low": 18, "high": 25 }, "deadband": 3 } } } ],
              "sensors": [ { "id": "th", "room": "r1", "parameters": ["temperature", "relative_humidity"], "interval": "30s" } ] }
            """, "deadband.json");

        var protocol = ProtocolGenerator.Generate(facility, Source, [], []);

        // Back to normal needs a value 3 °C clear of both alert levels of a 4 °C band: no value between steps returns.
        var scenario = Assert.Single(protocol.Scenarios);
        Assert.Equal(["SITE-th-temperature-INSIDE"], scenario.Rows.Select(r => r.Id));
        Assert.Contains(protocol.NotCovered, g => g is { Sensor: "th", Parameter: "temperature" } && g.Reason.Contains("deadband 3", StringComparison.Ordinal));
        Assert.Contains(protocol.NotCovered, g => g is { Sensor: "th", Parameter: "relative_humidity" } && g.Reason.StartsWith("no limits at rest", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_GradeAFiveMicronAt10s_NoAlertStepBecauseOneParticleIsAlreadyAnActionBreach()
    {
        var scenario = Assert.Single(GenerateAndLoad("cr1-pc-a"));

        var fiveMicron = scenario.Expectations.Where(e => e.Parameter == "particles_5_0um").Select(e => e.Level ?? "none").ToList();

        Assert.Equal(["none", "Action"], fiveMicron);
        Assert.Equal(1, Count(scenario, "5.0", scenario.Expectations.Single(e => e is { Parameter: "particles_5_0um", Level: "Action" }).After));
    }

    private static Sensor Sensor(Scenario scenario) => Sensor(scenario.Name["site-".Length..]);

    private static Sensor Sensor(string id) => Demo.TryGetSensor(new SensorId(id), out var sensor) ? sensor : throw new InvalidOperationException(id);

    /// <summary>What the service sees for the parameter at scenario time <paramref name="at"/>: the held value, or for a
    /// particle channel the count per m³ of a 28.3 L/min sample (the ≥0.5 µm channel also counts the ≥5.0 µm particles).</summary>
    private static double ValueAt(Scenario scenario, Sensor sensor, Parameter parameter, TimeSpan at)
    {
        if (!parameter.Info().IsParticleCount)
        {
            return Assert.Single(scenario.Events, e => e.Type == ScenarioEventType.Set && e.Parameter == parameter && e.At <= at && at < e.End).Value;
        }
        var litres = 28.3 * sensor.Interval.TotalMinutes;
        var count = Count(scenario, parameter == Parameter.ParticlesFiveMicron ? "5.0" : "0.5", at)
            + (parameter == Parameter.ParticlesHalfMicron && sensor.Measures(Parameter.ParticlesFiveMicron) ? Count(scenario, "5.0", at) : 0);
        return count * 1000 / litres;
    }

    private static long Count(Scenario scenario, string size, TimeSpan at)
    {
        var burst = Assert.Single(scenario.Events, e => e.Type == ScenarioEventType.ParticleBurst && e.At <= at && at < e.End
            && e.Size == (size == "5.0" ? Parameter.ParticlesFiveMicron : Parameter.ParticlesHalfMicron));
        return burst.Count!.Value;
    }

    /// <summary>An alert step beyond an alert bound must not reach the action bound on that side.</summary>
    private static bool? BeyondOnSameSide(double value, Band alert, Band action) =>
        value >= alert.High ? !(value >= action.High) : value <= alert.Low ? !(value <= action.Low) : null;
}
