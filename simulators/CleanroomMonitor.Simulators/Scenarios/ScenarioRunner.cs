using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Modbus;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>Runs one scenario against a service: notes what exists, plays it at the chosen speed, then checks its
/// expectations through the API (when one is given).</summary>
internal sealed class ScenarioRunner(FacilityDefinition facility, MqttClient client, ServiceApi? api, TimeProvider time)
{
    /// <summary>How long to wait for something the service should show (a batch, an excursion, a count).</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The running simulation of the facility's Modbus devices, for scenarios that silence one.</summary>
    public ModbusSimulation? Modbus { get; init; }

    /// <summary>The record checks (signed sequence, audit, backup); by default audit only (no signer, no records command).</summary>
    public RecordChecks? Records { get; init; }

    /// <summary>The kit's SMTP sink and gateway listener, for alarm-delivery expectations.</summary>
    public Oq.AlarmSinks? Alarms { get; init; }

    /// <summary>Told when the timeline must wait for the wall clock, and how long, so a wait of minutes is not silent.</summary>
    public Action<string>? Progress { get; init; }

    /// <param name="speed">The time factor (1 = real time); <see cref="double.PositiveInfinity"/> = as fast as possible.</param>
    /// <param name="stampStart">The timestamp of the scenario's start, when it is a slice of a longer run's timeline
    /// (the timeline); by default the run gets its own, after every timestamp the service already holds.</param>
    public async Task<ScenarioResult> RunAsync(Scenario scenario, double speed, CancellationToken cancellationToken, DateTimeOffset? stampStart = null)
    {
        var realTime = RealTime(scenario);
        stampStart ??= await TimelineStartAsync(ScenarioClock.Gain(scenario.Duration, speed, realTime), cancellationToken);
        var checker = api is null ? null : new ExpectationChecker(api, scenario, time, Patience) { Records = Records ?? new RecordChecks(api), Alarms = Alarms };
        if (checker is not null)
        {
            await checker.SnapshotAsync(cancellationToken);
        }
        var start = time.GetUtcNow();
        var runId = NewRunId(start);
        var clock = new ScenarioClock(scenario.Duration, speed, realTime, start, stampStart);
        var player = new ScenarioPlayer(facility, scenario, client, clock, runId, time)
        {
            MesToken = api?.Token,
            AfterBatch = api is null ? null : WaitForBatchAsync,
            DeclareWindow = api is null ? null : api.DeclareWindowAsync,
            Modbus = Modbus,
        };
        await player.PlayAsync(continueAfter: false, cancellationToken);
        var results = checker is null ? [] : await checker.CheckAsync(player, cancellationToken);
        return new ScenarioResult(scenario.Name, runId, start, time.GetUtcNow() - start, player.Published.Values.Sum(),
            [.. results.Select(r => r with { Scenario = scenario.Name })])
        {
            Claimed = checker is null ? [] : [.. checker.Claimed],
            SentAt = player.SentAt,
        };
    }

    /// <summary>A run id: the start to the second and a random tail ("261207081500-3f2a"), unique enough that batch numbers
    /// ending with it never repeat; an OQ run's id is "OQ-" and one of these.</summary>
    public static string NewRunId(DateTimeOffset start) =>
        start.ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-"
            + Random.Shared.Next(0x1000, 0xFFFF).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Silent windows run in real time (data gaps and communication loss are judged by the service's clock), and
    /// so does the scenario's real-time tail (<see cref="Scenario.RealTimeFrom"/>: windows, the clean-up deadline).</summary>
    public static IReadOnlyList<(TimeSpan From, TimeSpan To)> RealTime(Scenario scenario) =>
        [.. scenario.Events.Where(e => e.Type == ScenarioEventType.Silent).Select(e => (e.At, e.End)),
            .. scenario.RealTimeFrom is { } tail ? [(tail, scenario.Duration)] : Array.Empty<(TimeSpan, TimeSpan)>()];

    /// <summary>The start of a timeline whose device time runs <paramref name="gain"/> ahead of the wall clock: that far in the
    /// past, so its last timestamp is "now" at the end. The service never lets elapsed time run backwards for a sensor (a
    /// delay cannot complete through a backwards step), so the timeline must also start after every timestamp the service
    /// already holds: when it would not, this waits (wall time) until it does.</summary>
    public async Task<DateTimeOffset> TimelineStartAsync(TimeSpan gain, CancellationToken cancellationToken)
    {
        if (api is not null)
        {
            var latest = await api.LatestAsync(cancellationToken);
            // Only the sensors this runner stamps (MQTT): Modbus readings are stamped by the poller with the service's clock.
            var floor = facility.Sensors.Where(s => s.Topic is not null)
                .Select(s => latest.TryGetValue(s.Id.Value, out var at) ? at : DateTimeOffset.MinValue).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
            var wait = floor + TimeSpan.FromSeconds(1) - (time.GetUtcNow() - gain);
            if (wait > TimeSpan.Zero)
            {
                Progress?.Invoke(FormattableString.Invariant(
                    $"waiting {wait.TotalMinutes:0.0} min: the service holds readings stamped up to {floor.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}, and this timeline runs {gain.TotalMinutes:0.0} min ahead of the wall clock, so it must start after them (fewer scenarios wait less: oq run --scenario NAME)"));
                await Task.Delay(wait, time, cancellationToken);
            }
        }
        return time.GetUtcNow() - gain;
    }

    /// <summary>Readings must not overtake the batch that governs them: wait until the service shows it started (or ended).</summary>
    private async Task WaitForBatchAsync(string number, bool started, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + Patience;
        while (time.GetUtcNow() < deadline)
        {
            var batch = await api!.BatchAsync(number, cancellationToken);
            if (batch is { } b && (started || (b.TryGetProperty("endedAt", out var ended) && ended.ValueKind != System.Text.Json.JsonValueKind.Null)))
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
        throw new TimeoutException($"The service did not show batch {number} {(started ? "started" : "ended")} within {Patience}.");
    }
}
