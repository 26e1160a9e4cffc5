using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Modbus;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Modbus.Server;
using CleanroomMonitor.Simulators.Signals;
using Microsoft.Extensions.Logging;

namespace CleanroomMonitor.Simulators.Modbus;

/// <summary>Plays every device of a Modbus connection file: one register server per connection (TCP on the
/// configured port, RTU on the other end of the serial line), several devices per server by unit id, each a
/// <see cref="ProfileDevice"/> driven by the same profile the poller uses, with values from the sensor's signal model.
/// Record devices complete a record every sensor interval; live devices update every sensor interval.</summary>
internal sealed class ModbusSimulation : IDisposable
{
    private readonly ModbusPlan _plan;
    private readonly IReadOnlyDictionary<string, string> _serialEnds;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IDisposable> _servers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ProfileDevice>> _byConnection = new(StringComparer.Ordinal);
    private readonly List<(ProfileDevice Device, SensorSignal Signal)> _devices = [];

    /// <param name="facility">The facility whose sensors the devices feed.</param>
    /// <param name="plan">The connection file, as the service reads it.</param>
    /// <param name="serialEnds">For RTU connections: connection id → the serial device the simulator serves (the other
    /// end of the line the service polls). RTU connections without an entry are not simulated.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Start-up and progress lines.</param>
    /// <param name="seed">Signal seed; the same seed gives the same values.</param>
    public ModbusSimulation(FacilityDefinition facility, ModbusPlan plan, IReadOnlyDictionary<string, string> serialEnds, TimeProvider time, ILogger logger, int seed)
    {
        _plan = plan;
        _serialEnds = serialEnds;
        _time = time;
        _logger = logger;
        var index = 0;
        foreach (var connection in plan.Connections)
        {
            var devices = new List<ProfileDevice>();
            foreach (var device in connection.Devices)
            {
                var sensor = facility.Sensors.First(s => s.Id == device.Sensor);
                var simulated = new ProfileDevice(device.Profile, device.UnitId, sensor.Interval);
                devices.Add(simulated);
                _devices.Add((simulated, new SensorSignal(sensor, seed + index++)));
            }
            _byConnection[connection.Id] = devices;
        }
    }

    public long Presented => _devices.Sum(d => d.Device.Presented);

    /// <summary>The simulated device feeding <paramref name="sensor"/> (tests inject faults through its unit).</summary>
    public ProfileDevice Device(SensorId sensor) => _devices.First(d => d.Signal.Sensor.Id == sensor).Device;

    /// <summary>Starts a server for every TCP connection and every mapped RTU connection.</summary>
    public void Start()
    {
        foreach (var connection in _plan.Connections)
        {
            StartServer(connection.Id);
        }
    }

    /// <summary>Starts (again) the server of one connection: a device that comes back.</summary>
    public void StartServer(string connectionId)
    {
        var connection = _plan.Connections.First(c => c.Id == connectionId);
        var units = _byConnection[connectionId].Select(d => d.Unit);
        if (connection.IsTcp)
        {
            var server = new ModbusTcpServer(units, connection.Port, connection.Host!);
            server.Start();
            _servers[connectionId] = server;
            _logger.ServingModbus(connectionId, $"tcp {connection.Host}:{connection.Port}", connection.Devices.Count);
        }
        else if (_serialEnds.TryGetValue(connectionId, out var device))
        {
            var server = new ModbusRtuServer(units, connection.Serial! with { Device = device });
            server.Start();
            _servers[connectionId] = server;
            _logger.ServingModbus(connectionId, $"rtu {device}", connection.Devices.Count);
        }
    }

    /// <summary>Stops the server of one connection: its devices vanish from the network.</summary>
    public void StopServer(string connectionId)
    {
        if (_servers.Remove(connectionId, out var server))
        {
            server.Dispose();
        }
    }

    /// <summary>Presents a new reading of every device every sensor interval until cancelled, or until each device
    /// presented <paramref name="rounds"/> readings. The first reading of every device is presented at
    /// <paramref name="firstAt"/> (default: at once).</summary>
    public async Task RunAsync(int? rounds, CancellationToken cancellationToken, DateTimeOffset? firstAt = null)
    {
        var due = new PriorityQueue<(ProfileDevice Device, SensorSignal Signal, int Round), DateTimeOffset>();
        var start = firstAt ?? _time.GetUtcNow();
        foreach (var (device, signal) in _devices)
        {
            due.Enqueue((device, signal, 0), start);
        }
        while (due.TryDequeue(out var next, out var at))
        {
            // Also when behind schedule (no wait below): a run that is over presents nothing more while it catches up.
            cancellationToken.ThrowIfCancellationRequested();
            var wait = at - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
            var sample = next.Signal.Next(at);
            var values = sample.Values.ToDictionary();
            foreach (var (parameter, count) in sample.Counts)
            {
                values[parameter] = count;
            }
            next.Device.Present(new DeviceReading(values, at, sample.Faults));
            if (rounds is null || next.Round + 1 < rounds)
            {
                due.Enqueue((next.Device, next.Signal, next.Round + 1), at + next.Signal.Sensor.Interval);
            }
        }
    }

    public void Dispose()
    {
        foreach (var server in _servers.Values)
        {
            server.Dispose();
        }
        _servers.Clear();
        foreach (var (device, _) in _devices)
        {
            device.Dispose();
        }
    }
}
