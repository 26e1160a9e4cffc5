using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Publishing;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary><c>mqtt --rounds N</c> without a scenario: a finite run ends only when the broker holds every sample, so the
/// process may exit (and close its connection) the moment it returns without dropping the last ones.</summary>
public sealed class FacilityPublisherTests : IAsyncLifetime
{
    private const string FacilityJson = """
        { "site": { "id": "pub", "name": "Publisher", "timeZone": "UTC" },
          "rooms": [ { "id": "r1", "name": "Room 1", "grade": "C" } ],
          "sensors": [ { "id": "t1", "room": "r1", "parameters": ["temperature"], "interval": "200ms" },
                       { "id": "t2", "room": "r1", "parameters": ["temperature", "relative_humidity"], "interval": "300ms" },
                       { "id": "co1", "room": "r1", "parameters": ["co2"], "interval": "100ms" } ] }
        """;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

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
    public async Task RunAsync_FiniteRounds_ReturnsOnlyOnceTheBrokerAcknowledgedEverySample()
    {
        var facility = FacilityReader.Parse(FacilityJson, "pub.json");
        var expected = facility.Sensors.Count * 2;
        // A persistent session: the broker keeps the observer's subscription and queues for it across the outage.
        await using (var registration = Client("observer", cleanSession: false))
        {
            registration.Subscribe("#", 1);
            registration.Start();
            await registration.WaitUntilConnectedAsync(new CancellationTokenSource(Timeout).Token);
        }
        await _broker!.StopAsync();
        await using var devices = Client("devices", cleanSession: true);
        devices.Start();
        var publisher = new FacilityPublisher(facility, devices, TimeProvider.System, NullLogger.Instance, seed: 3);

        var run = publisher.RunAsync(rounds: 2, new CancellationTokenSource(Timeout).Token);
        await Eventually.UntilAsync(() => publisher.Published == expected, Timeout, "every sample handed to the client");

        // The broker is down: nothing can have been acknowledged, so the run must still be waiting.
        Assert.False(run.IsCompleted, "RunAsync returned while its samples were still waiting in the client");
        await _broker.StartAgainAsync();
        await run.WaitAsync(Timeout);
        await devices.DisposeAsync();   // what the command does the moment RunAsync returns
        await using var observer = Client("observer", cleanSession: false);
        observer.Start();
        var received = new List<MqttMessage>();
        using var reading = new CancellationTokenSource(Timeout);
        while (received.Count < expected)
        {
            received.Add(await observer.Messages.ReadAsync(reading.Token));
        }
        Assert.Equal(facility.Sensors.SelectMany(s => new[] { s.Topic!, s.Topic! }).Order(StringComparer.Ordinal),
            received.Select(m => m.Topic).Order(StringComparer.Ordinal));
    }

    private MqttClient Client(string role, bool cleanSession) =>
        new(new MqttClientOptions
        {
            Port = _broker!.Port, ClientId = $"pub-{role}", CleanSession = cleanSession,
            ReconnectDelayMin = TimeSpan.FromSeconds(1), ReconnectDelayMax = TimeSpan.FromSeconds(1),
        }, TimeProvider.System, NullLogger<MqttClient>.Instance);
}
