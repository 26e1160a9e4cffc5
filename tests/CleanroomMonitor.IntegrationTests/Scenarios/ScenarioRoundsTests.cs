using System.Text.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Scenarios;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary><c>mqtt --scenario F --rounds N</c>: the scenario played N times back to back through a real broker, devices
/// carrying on from round to round, every round's batch numbered apart.</summary>
public sealed class ScenarioRoundsTests : IAsyncLifetime
{
    private const string FacilityJson = """
        { "site": { "id": "rounds", "name": "Rounds", "timeZone": "UTC" },
          "rooms": [ { "id": "r1", "name": "Room 1", "grade": "C" } ],
          "sensors": [ { "id": "t1", "room": "r1", "parameters": ["temperature"], "interval": "500ms" } ] }
        """;

    private const string ScenarioJson = """
        { "name": "short", "duration": "2s", "seed": 4,
          "events": [ { "at": "200ms", "type": "batch-start", "batch": "RND", "rooms": ["r1"] },
                      { "at": "1s", "type": "set", "sensor": "t1", "parameter": "temperature", "value": 30, "samples": 1 },
                      { "at": "1500ms", "type": "batch-end", "batch": "RND" } ],
          "expect": [ { "type": "excursion", "requirement": "R", "kind": "Temperature", "sensor": "t1" } ] }
        """;

    private MosquittoProcess? _broker;

    public async Task InitializeAsync() => _broker = await MosquittoProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    [Fact]
    public async Task PlayAsync_ThreeRounds_EachRoundInTurnWithRisingTimestampsAndItsOwnBatch()
    {
        var facility = FacilityReader.Parse(FacilityJson, "rounds.json");
        var scenario = ScenarioReader.Parse(ScenarioJson, "short.json", facility);
        await using var listener = Client("listener");
        listener.Subscribe("#", 1);
        listener.Start();
        await using var devices = Client("devices");
        devices.Start();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Task.WhenAll(listener.WaitUntilConnectedAsync(timeout.Token), devices.WaitUntilConnectedAsync(timeout.Token));
        var rounds = new ScenarioRounds(facility, scenario, devices, TimeProvider.System);
        var started = TimeProvider.System.GetUtcNow();

        await rounds.PlayAsync(3, timeout.Token);

        var elapsed = TimeProvider.System.GetUtcNow() - started;
        var messages = await DrainAsync(listener, rounds.Published + 6, timeout.Token);
        var samples = messages.Where(m => m.Topic.EndsWith("/t1", StringComparison.Ordinal)).Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        var batches = messages.Where(m => m.Topic.EndsWith("/mes/batches", StringComparison.Ordinal)).Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();
        // Real time: 3 rounds of 2 s, then it stops (no natural signals after the last round).
        Assert.InRange(elapsed, TimeSpan.FromSeconds(5.5), TimeSpan.FromSeconds(9));
        Assert.Equal(3, rounds.RunIds.Count);
        Assert.Equal(rounds.Published, samples.Count);
        Assert.InRange(samples.Count, 11, 13);   // 4 samples of t1 per 2 s round
        var stamps = samples.Select(s => s.GetProperty("ts").GetDateTimeOffset()).ToList();
        Assert.Equal(stamps.Order(), stamps);
        Assert.Equal(stamps.Count, stamps.Distinct().Count());
        // The device carries on: one sequence from round to round.
        Assert.Equal(Enumerable.Range(1, samples.Count).Select(i => (long)i), samples.Select(s => s.GetProperty("seq").GetInt64()));
        // The scripted value once per round, and each round's batch numbered apart (batch numbers are unique forever).
        Assert.Equal(3, samples.Count(s => s.GetProperty("values").GetProperty("temperature").GetDouble() == 30));
        Assert.Equal(["start", "end", "start", "end", "start", "end"], batches.Select(b => b.GetProperty("action").GetString()));
        var numbers = batches.Where(b => b.GetProperty("action").GetString() == "start").Select(b => b.GetProperty("number").GetString()).ToList();
        Assert.Equal(rounds.RunIds.Select(r => "RND-" + r), numbers);
        Assert.Equal(3, numbers.Distinct().Count());
    }

    private MqttClient Client(string role) =>
        new(new MqttClientOptions { Port = _broker!.Port, ClientId = $"rounds-{role}-{Guid.NewGuid():N}"[..30], CleanSession = true }, TimeProvider.System,
            NullLogger<MqttClient>.Instance);

    /// <summary>Reads messages until <paramref name="expected"/> arrived (QoS 1: they were acknowledged before PlayAsync returned).</summary>
    private static async Task<List<MqttMessage>> DrainAsync(MqttClient listener, long expected, CancellationToken cancellationToken)
    {
        var messages = new List<MqttMessage>();
        while (messages.Count < expected)
        {
            messages.Add(await listener.Messages.ReadAsync(cancellationToken));
        }
        return messages;
    }
}
