using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Mqtt.Sparkplug;
using CleanroomMonitor.Simulators.Signals;
using CleanroomMonitor.Simulators.Sparkplug;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Sparkplug;

/// <summary>The monitor rig with a Sparkplug edge node added: itest/gw1 feeds sp-th (its own metrics) and the grade A
/// particle counter sp-pc (device pc-1); the node is the simulators' <see cref="SparkplugEdgeNode"/>.</summary>
internal sealed class SparkplugRig : IAsyncDisposable
{
    public const string HostId = "cleanroom-monitor-itest";

    private static readonly string Facility = MonitorRig.FacilityJson.Replace(
        """{ "id": "th2", "room": "al1", "parameters": ["temperature"], "topic": "legacy/gateway 7/th2" }""",
        """
        { "id": "th2", "room": "al1", "parameters": ["temperature"], "topic": "legacy/gateway 7/th2" },
        { "id": "sp-th", "room": "cr1", "parameters": ["temperature", "relative_humidity"], "interval": "10s", "source": "sparkplug",
          "sparkplug": { "group": "itest", "edgeNode": "gw1", "metrics": { "temperature": "Room/Temperature", "relative_humidity": "Room/RH" } } },
        { "id": "sp-pc", "room": "cr1", "zone": "cr1-bsc", "parameters": ["particles_0_5um", "particles_5_0um"], "interval": "10s", "source": "sparkplug",
          "sparkplug": { "group": "itest", "edgeNode": "gw1", "device": "pc-1",
                         "metrics": { "particles_0_5um": "Counts/0.5um", "particles_5_0um": "Counts/5.0um", "volume_l": "Counts/Volume" } } }
        """, StringComparison.Ordinal);

    private SparkplugRig(MonitorRig monitor, SparkplugEdgeNode node)
    {
        Monitor = monitor;
        Node = node;
    }

    public MonitorRig Monitor { get; }

    public SparkplugEdgeNode Node { get; }

    public Sensor Th => Monitor.Facility.Sensors.Single(s => s.Id.Value == "sp-th");

    public Sensor Pc => Monitor.Facility.Sensors.Single(s => s.Id.Value == "sp-pc");

    public static async Task<SparkplugRig> StartAsync()
    {
        var monitor = await MonitorRig.StartAsync(Facility, overrides: null);
        await monitor.App.Services.GetRequiredService<SparkplugSource>().WaitUntilConnectedAsync(default);
        // No host id: this node never buffers, so what a test sends is what the service gets.
        var node = new SparkplugEdgeNode(monitor.Broker.Host, monitor.Broker.Port, "itest", "gw1", monitor.Facility.Sensors, hostId: null,
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        return new SparkplugRig(monitor, node);
    }

    public SimulatedSample Climate(DateTimeOffset at, double temperature, double humidity = 45) =>
        new(Th, at, 0, new Dictionary<Parameter, double> { [Parameter.Temperature] = temperature, [Parameter.RelativeHumidity] = humidity },
            new Dictionary<Parameter, long>(), null);

    public SimulatedSample Particles(DateTimeOffset at, long half, long five) =>
        new(Pc, at, 0, new Dictionary<Parameter, double>(), new Dictionary<Parameter, long> { [Parameter.ParticlesHalfMicron] = half, [Parameter.ParticlesFiveMicron] = five }, 28.3);

    /// <summary>A client watching the broker as a bystander would (commands, STATE).</summary>
    public async Task<MqttClient> ObserveAsync(string filter)
    {
        var observer = new MqttClient(new MqttClientOptions { Port = Monitor.Broker.Port, ClientId = "observer-" + Guid.NewGuid().ToString("N")[..8], CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        observer.Subscribe(filter, 1);
        observer.Start();
        await observer.WaitUntilConnectedAsync(default);
        return observer;
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await Monitor.DisposeAsync();
    }
}
