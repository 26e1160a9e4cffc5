using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Signals;

namespace CleanroomMonitor.Simulators.Scenarios;

/// <summary>Plays a scenario in real time on top of the natural signals (<c>mqtt --scenario</c>, the demo): once and then
/// natural signals until cancelled, or <c>rounds</c> times back to back and then stop. Each round starts where the last
/// one ended, so every device's timestamps keep rising, and the devices carry on (state and sequence numbers) from round
/// to round; batch numbers get the round in their suffix, since a batch number is unique forever.</summary>
internal sealed class ScenarioRounds(FacilityDefinition facility, Scenario scenario, MqttClient client, TimeProvider time)
{
    private ScenarioPlayer? _current;
    private long _finished;

    /// <summary>Rooms in operation for the whole run (batches announced on the command line).</summary>
    public IReadOnlyList<RoomId> InOperation { get; init; } = [];

    /// <summary>Samples published so far, every round included.</summary>
    public long Published => _finished + (_current?.Published.Values.Sum() ?? 0);

    /// <summary>The API token the simulated MES names in its batch messages (docs/security.md).</summary>
    public string? MesToken { get; init; }

    /// <summary>The run id of each round played or playing (batch numbers end with it).</summary>
    public List<string> RunIds { get; } = [];

    /// <param name="rounds">Null: once, then natural signals until cancelled; N: N rounds, then return.</param>
    public async Task PlayAsync(int? rounds, CancellationToken cancellationToken)
    {
        if (rounds is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "At least one round.");
        }
        IReadOnlyList<SensorSignal>? signals = null;
        var start = time.GetUtcNow();
        for (var round = 1; round <= (rounds ?? 1); round++)
        {
            var runId = FormattableString.Invariant($"{start:yyMMddHHmmss}-r{round}");
            RunIds.Add(runId);
            _current = new ScenarioPlayer(facility, scenario, client, new ScenarioClock(scenario.Duration, 1, [], start), runId, time, signals) { MesToken = MesToken };
            _current.MarkInOperation(InOperation);
            await _current.PlayAsync(continueAfter: rounds is null, cancellationToken);
            _finished += _current.Published.Values.Sum();
            signals = _current.Signals;
            _current = null;
            start += scenario.Duration;
        }
    }
}
