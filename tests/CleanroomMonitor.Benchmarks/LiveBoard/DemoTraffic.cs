using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Simulators.Publishing;
using CleanroomMonitor.Simulators.Signals;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.Benchmarks.LiveBoard;

/// <summary>Every MQTT sensor of a facility publishing the simulators' plausible signals (the same values and payloads as
/// <c>simulators mqtt</c>), each about once a second, stamped now, QoS 1. Once a second rather than at the sensors'
/// configured intervals (5–30 s in the demo) so that every tile has something new for each server-sent snapshot:
/// the board's busiest realistic case.</summary>
internal sealed class DemoTraffic : IAsyncDisposable
{
    private readonly MqttClient _client;
    private readonly SensorSignal[] _signals;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private long _published;

    private DemoTraffic(MqttClient client, SensorSignal[] signals)
    {
        _client = client;
        _signals = signals;
    }

    public int Sensors => _signals.Length;

    public long Published => Interlocked.Read(ref _published);

    public static async Task<DemoTraffic> ConnectAsync(FacilityDefinition facility, int port, CancellationToken cancellationToken)
    {
        var client = new MqttClient(new MqttClientOptions { Port = port, ClientId = "bench-liveboard-gateways", CleanSession = true, MaxInflight = 1000 },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        try
        {
            client.Start();
            await client.WaitUntilConnectedAsync(cancellationToken);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
        // Modbus sensors have no topic: the service polls those from the Modbus simulator.
        var signals = facility.Sensors.Where(s => s.Topic is not null).Select((s, i) => new SensorSignal(s, 1 + i)).ToArray();
        return new DemoTraffic(client, signals);
    }

    /// <summary>Starts publishing in the background: one sensor per tick, round robin, so the readings are spread
    /// over the second as unsynchronised gateways would send them rather than arriving as one burst.</summary>
    public void Start() => _running = Task.Run(() => PublishAsync(_stop.Token), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        _stop.Dispose();
        await _client.DisposeAsync();
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1) / _signals.Length);
        var next = 0;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var signal = _signals[next];
            next = (next + 1) % _signals.Length;
            _client.Publish(signal.Sensor.Topic!, SamplePayload.Encode(signal.Next(DateTimeOffset.UtcNow)), qos: 1, retain: false);
            Interlocked.Increment(ref _published);
        }
    }
}
