using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>Runs one scenario against a service: notes what exists, plays it at the chosen speed, then checks its
/// expectations through the API (when one is given).</summary>
internal sealed class ScenarioRunner(FacilityDefinition facility, MqttClient client, ServiceApi? api, TimeProvider time)
{
    /// <summary>How long to wait for something the service should show (a batch, an excursion, a count).</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(30);

    /// <param name="speed">The time factor (1 = real time); <see cref="double.PositiveInfinity"/> = as fast as possible.</param>
    public async Task<ScenarioResult> RunAsync(Scenario scenario, double speed, CancellationToken cancellationToken)
    {
        var checker = api is null ? null : new ExpectationChecker(api, scenario, time, Patience);
        if (checker is not null)
        {
            await checker.SnapshotAsync(cancellationToken);
        }
        var start = time.GetUtcNow();
        var runId = start.ToString("yyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Random.Shared.Next(0x1000, 0xFFFF).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
        var realTime = scenario.Events.Where(e => e.Type == ScenarioEventType.Silent).Select(e => (e.At, e.End));
        var clock = new ScenarioClock(scenario.Duration, speed, realTime, start);
        var player = new ScenarioPlayer(facility, scenario, client, clock, runId, time) { AfterBatch = api is null ? null : WaitForBatchAsync };
        await player.PlayAsync(continueAfter: false, cancellationToken);
        var results = checker is null ? [] : await checker.CheckAsync(player, cancellationToken);
        return new ScenarioResult(scenario.Name, runId, start, time.GetUtcNow() - start, player.Published.Values.Sum(),
            [.. results.Select(r => r with { Scenario = scenario.Name })]);
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
