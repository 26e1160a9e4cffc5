using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Modbus;
using CleanroomMonitor.Simulators.Scenarios;

namespace CleanroomMonitor.Simulators.Oq;

/// <summary>Runs the scenario library, one scenario after another, against a running installation through its broker
/// and API, and collects an <see cref="OqReport"/>.</summary>
internal sealed class OqRun(FacilityDefinition facility, string facilityFile, MqttClient client, ServiceApi api, TimeProvider time)
{
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The running simulation of the installation's Modbus devices (the comm-loss scenario silences one).</summary>
    public ModbusSimulation? Modbus { get; init; }

    /// <summary>The signed sequence, audit and backup checks (signer and records command when given).</summary>
    public RecordChecks? Records { get; init; }

    /// <summary>The kit's SMTP sink and gateway listener the installation sends alarms to (alarm-delivery rows).</summary>
    public AlarmSinks? Alarms { get; init; }

    /// <summary>The connection file the installation polls and the kit serves (hashed into the report with the facility and the library).</summary>
    public string? ModbusFile { get; init; }

    /// <summary>The run this one re-tests (<c>--retest-of</c>): the report says so.</summary>
    public string? RetestOf { get; init; }

    /// <summary>Told a line after each scenario (which, how many rows passed, how long), so a run of minutes is not silent.</summary>
    public Action<string>? Progress { get; init; }

    public async Task<OqReport> RunAsync(IReadOnlyList<Scenario> scenarios, double speed, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var runId = "OQ-" + ScenarioRunner.NewRunId(started);
        IReadOnlyList<OqInput> inputs = [OqInput.Of("facility", facilityFile), .. ModbusFile is { } modbus ? [OqInput.Of("modbus", modbus)] : Array.Empty<OqInput>(),
            .. scenarios.Select(s => OqInput.Of("scenario", s.File))];
        // The installation qualified, as it states itself, and whether it runs what the kit tests (issue 24).
        var (installation, why) = await api.AboutAsync(cancellationToken);
        var prerequisites = OqPrerequisite.Check(installation, inputs, why);
        Progress?.Invoke($"OQ run {runId}{(RetestOf is null ? "" : $" (re-test of {RetestOf})")} of CleanroomMonitor {installation?.Version ?? "(unknown build)"} on "
            + $"{installation?.Host ?? "?"}, modified build: {InstallationAbout.ModifiedText(installation?.Modified)}; "
            + $"{prerequisites.Count(p => p.Passed)} of {prerequisites.Count} prerequisites met"
            + string.Concat(prerequisites.Where(p => !p.Passed).Select(p => $"\n  prerequisite failed: {p.Name}: {p.Observed}")));
        // The run's timeline starts no earlier than the whole library's gain before now: what overlaps it and existed
        // before is the installation's own history; what is new and no row claims is unexpected.
        var lookFrom = started - scenarios.Aggregate(TimeSpan.Zero, (sum, s) => sum + ScenarioClock.Gain(s.Duration, speed, ScenarioRunner.RealTime(s)))
            - TimeSpan.FromMinutes(1);
        var before = (await api.ExcursionsSinceAsync(lookFrom, cancellationToken)).Select(Id).ToHashSet(StringComparer.Ordinal);
        var rejectionsBefore = await api.RejectionsAsync(cancellationToken);
        var results = new List<ScenarioResult>();
        try
        {
            await PlayAsync(scenarios, speed, results, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Stopped(scenarios, speed, started, results, installation) with
            {
                Inputs = inputs, RunId = runId, RetestOf = RetestOf, Prerequisites = prerequisites,
            };
        }
        var unexpected = await UnexpectedExcursionsAsync(lookFrom, before, results, cancellationToken);
        return new OqReport(facility.Site.Id, facilityFile, facility.Version, installation?.Version ?? UnknownVersion, installation,
            SpeedText(speed), started, time.GetUtcNow(), results)
        {
            RunId = runId,
            RetestOf = RetestOf,
            Prerequisites = prerequisites,
            Unexpected = [.. unexpected.Where(u => !KitWasSilent(u, facility, results)),
                .. UnexpectedRejections(rejectionsBefore, await api.RejectionsAsync(cancellationToken), scenarios)],
            KitSilences = [.. unexpected.Where(u => KitWasSilent(u, facility, results))],
            Inputs = inputs,
        };
    }

    /// <summary>One timeline for the library: each scenario gets the slice after the previous one, so every sensor's
    /// timestamps keep rising from one scenario to the next (docs/simulators.md, accelerated time). A scenario with a
    /// real-time tail needs its timestamps caught up with the wall clock there, so it ends a segment of the timeline and
    /// the next segment starts after it (the runner waits as long as that segment runs ahead of the wall clock).</summary>
    private async Task PlayAsync(IReadOnlyList<Scenario> scenarios, double speed, List<ScenarioResult> results, CancellationToken cancellationToken)
    {
        var runner = new ScenarioRunner(facility, client, api, time) { Patience = Patience, Modbus = Modbus, Records = Records, Alarms = Alarms, Progress = Progress };
        foreach (var segment in Segments(scenarios))
        {
            var remaining = segment.Aggregate(TimeSpan.Zero, (sum, s) => sum + ScenarioClock.Gain(s.Duration, speed, ScenarioRunner.RealTime(s)));
            var stamp = await runner.TimelineStartAsync(remaining, cancellationToken);
            foreach (var scenario in segment)
            {
                // Checking expectations takes wall time the timeline did not plan for: catch up, so the segment still
                // ends at the wall clock (a real-time tail needs its timestamps to agree with the service's clock).
                var caughtUp = time.GetUtcNow() - remaining;
                stamp = caughtUp > stamp ? caughtUp : stamp;
                var result = await runner.RunAsync(scenario, speed, cancellationToken, stamp);
                results.Add(result);
                Progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                    $"OQ {results.Count}/{scenarios.Count} {scenario.Name}: {result.Expectations.Count(e => e.Passed)} of {result.Expectations.Count} rows pass ({result.WallTime.TotalSeconds:0} s)"));
                stamp += scenario.Duration;
                remaining -= ScenarioClock.Gain(scenario.Duration, speed, ScenarioRunner.RealTime(scenario));
            }
        }
    }

    /// <summary>Stopped (Ctrl+C): the report of what ran, every other row "not run", and no look at the service, which would
    /// need the cancelled token; a stopped OQ never passes.</summary>
    private OqReport Stopped(IReadOnlyList<Scenario> scenarios, double speed, DateTimeOffset started, List<ScenarioResult> results, InstallationAbout? installation)
    {
        var notRun = scenarios.Skip(results.Count).Select(s => new ScenarioResult(s.Name, "", time.GetUtcNow(), TimeSpan.Zero, 0,
            [.. s.Expectations.Select(e => new ExpectationResult(s.Name, e.Requirement, e.Describe(), "not run: the run was stopped before this scenario ended", false) { Clause = e.Clause })]));
        return new OqReport(facility.Site.Id, facilityFile, facility.Version, installation?.Version ?? UnknownVersion, installation, SpeedText(speed), started, time.GetUtcNow(),
            [.. results, .. notRun]) { Stopped = true };
    }

    /// <summary>The software version of an installation that did not state its build.</summary>
    public const string UnknownVersion = "unknown (the installation did not state its build: GET /api/about)";

    private static string SpeedText(double speed) => double.IsPositiveInfinity(speed) ? "max" : speed.ToString(CultureInfo.InvariantCulture) + "×";

    /// <summary>A data gap the service timed on its own clock ("no reading for more than …", starting at the sensor's last
    /// reading) while the kit itself sent nothing for that sensor for longer than its gap time: before the run, between
    /// scenarios, while checking. The installation was right to raise it; the kit's own silence explains it, and the report
    /// lists it apart with that explanation. Any other gap (the kit was sending) stays unexpected.</summary>
    public static bool KitWasSilent(UnexpectedEvent u, FacilityDefinition facility, IReadOnlyList<ScenarioResult> results)
    {
        if (!u.What.Contains(" DataGap on ", StringComparison.Ordinal) || !u.Detail.StartsWith("no reading for", StringComparison.Ordinal)
            || u.Sensor is not { } id || u.When is not { } last || !facility.TryGetSensor(new SensorId(id), out var sensor) || sensor.Topic is null)
        {
            return false;
        }
        // The gap is raised once the sensor was silent for its gap time after its last reading; a sample the kit sent in
        // that span (allowing a second for delivery) means the silence was not the kit's.
        var until = last + sensor.GapAfter - TimeSpan.FromSeconds(1);
        return !results.Any(r => r.SentAt.TryGetValue(sensor.Id, out var sent) && sent.Any(at => at > last && at < until));
    }

    /// <summary>Excursions new since the run began that no expectation row matched.</summary>
    private async Task<List<UnexpectedEvent>> UnexpectedExcursionsAsync(DateTimeOffset lookFrom,
        HashSet<string> before, IReadOnlyList<ScenarioResult> results, CancellationToken cancellationToken)
    {
        var claimed = results.SelectMany(r => r.Claimed).ToHashSet(StringComparer.Ordinal);
        return [.. (await api.ExcursionsSinceAsync(lookFrom, cancellationToken))
            .Where(x => !before.Contains(Id(x)) && !claimed.Contains(Id(x)))
            .OrderBy(x => x.GetProperty("startedAt").GetDateTimeOffset())
            .Select(x => new UnexpectedEvent(
                $"{x.GetProperty("level").GetString()} {x.GetProperty("kind").GetString()} on {Text(x, "sensor") ?? Text(x, "room")}"
                    + (Text(x, "parameter") is { } parameter ? $" ({parameter})" : ""),
                x.GetProperty("startedAt").GetDateTimeOffset(), Text(x, "rule") ?? "", Id(x)) { Sensor = Text(x, "sensor") })];
    }

    /// <summary>Reasons refused during the run that no rejection row expects, with how many messages each.</summary>
    public static IEnumerable<UnexpectedEvent> UnexpectedRejections(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after,
        IReadOnlyList<Scenario> scenarios)
    {
        var expected = scenarios.SelectMany(s => s.Expectations).Where(e => e.Type == ExpectationType.Rejection).Select(e => e.Reason).ToHashSet(StringComparer.Ordinal);
        return after.Select(r => (Reason: r.Key, Count: r.Value - before.GetValueOrDefault(r.Key)))
            .Where(r => r.Count > 0 && !expected.Contains(r.Reason))
            .OrderBy(r => r.Reason, StringComparer.Ordinal)
            .Select(r => new UnexpectedEvent("rejection " + r.Reason, null, string.Create(CultureInfo.InvariantCulture, $"{r.Count} message(s) refused"), null));
    }

    private static string Id(System.Text.Json.JsonElement x) => x.GetProperty("id").GetString()!;

    private static string? Text(System.Text.Json.JsonElement x, string name) =>
        x.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;

    /// <summary>The library cut after each scenario with a real-time tail (in order; put such scenarios last to wait least).</summary>
    public static IReadOnlyList<IReadOnlyList<Scenario>> Segments(IReadOnlyList<Scenario> scenarios)
    {
        var segments = new List<IReadOnlyList<Scenario>>();
        var current = new List<Scenario>();
        foreach (var scenario in scenarios)
        {
            current.Add(scenario);
            if (scenario.RealTimeFrom is not null)
            {
                segments.Add(current);
                current = [];
            }
        }
        if (current.Count > 0)
        {
            segments.Add(current);
        }
        return segments;
    }
}
