using System.Net;
using System.Net.Sockets;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Simulators.Fleet;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Scenarios;

/// <summary>Fleet mode over Modbus: N devices on M loopback TCP servers at a rate, polled by the real service into the
/// real InfluxDB, with the files fleet mode writes (--write-facility, --write-modbus).</summary>
public sealed class FleetModbusTests : IAsyncLifetime
{
    private const int Rooms = 2;
    private const int SensorsPerRoom = 3;
    private const int Servers = 2;
    private const double Rate = 2;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    private ServiceRig? _stack;

    public async Task InitializeAsync() => _stack = await ServiceRig.StartAsync(CleanroomMonitorApp.Build, "fleet-modbus");

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }

    [Fact]
    public async Task RunAsync_SixDevicesOnTwoServersAtTwoPerSecond_EveryDevicePolledIntoInfluxAndCountsReported()
    {
        var basePort = ConsecutiveFreePorts(Servers);
        var profiles = Path.Combine(RepositoryPaths.Root, "deploy", "config", "profiles");
        var stack = _stack!;
        var facilityFile = await stack.WriteFileAsync("fleet.json", FleetFacility.Json(Rooms, SensorsPerRoom, Rate, FleetTransport.Modbus));
        var modbusFile = await stack.WriteFileAsync("fleet-modbus.json", FleetModbusPlan.Json(Rooms, SensorsPerRoom, Rate, Servers, basePort, profiles));
        var facility = FleetFacility.Build(Rooms, SensorsPerRoom, Rate, FleetTransport.Modbus);
        var plan = FleetModbusPlan.Build(facility, Rooms, SensorsPerRoom, Rate, Servers, basePort, profiles);

        var settings = stack.Settings(facilityFile, "fleet") with { ModbusFile = modbusFile, InfluxFlushInterval = TimeSpan.FromMilliseconds(100) };
        // The devices first, so the service's first polls find them (a refused connection would back off).
        var fleet = new FleetModbusServers(facility, plan, TimeProvider.System, NullLogger.Instance, seed: 3).RunAsync(Rate, Duration, CancellationToken.None);
        var service = await stack.StartServiceAsync(settings, new ServiceLog());
        var report = await fleet;

        Assert.Equal("modbus", report.Transport);
        Assert.Equal([$"127.0.0.1:{basePort}", $"127.0.0.1:{basePort + 1}"], report.Servers);
        Assert.Equal(Rooms * SensorsPerRoom, report.Sensors);
        Assert.Equal(Rooms * SensorsPerRoom, report.PerSensor.Count);
        // One reading per device every 500 ms for 8 s (the first at once): 16 or 17 each.
        Assert.All(report.PerSensor.Values, presented => Assert.InRange(presented, 15, 17));
        Assert.Equal(report.PerSensor.Values.Sum(), report.Sent);
        var influx = service.App.Services.GetRequiredService<InfluxClient>();
        foreach (var sensor in report.PerSensor.Keys)
        {
            // Polled at the rate from when the service was up (a few seconds after the devices, more on a loaded machine):
            // every device arrived, and never more readings than the device presented (one poll per presentation).
            var query = $"SELECT count(\"value\") FROM \"reading\" WHERE \"sensor\" = '{sensor}' AND \"parameter\" = 'temperature'";
            var stored = 0L;
            await Eventually.UntilAsync(async ct => (stored = await MonitorRig.CountAsync(influx, query, ct)) >= 3, TimeSpan.FromSeconds(10),
                $"three readings of {sensor} in InfluxDB");
            Assert.InRange(stored, 3, report.PerSensor[sensor] + 1);
        }
    }

    /// <summary>A first port with <paramref name="count"/> free ports from it (fleet servers listen on consecutive ports).</summary>
    private static int ConsecutiveFreePorts(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = FreePort.Next();
            var listeners = new List<TcpListener>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, first + i);
                    listener.Start();
                    listeners.Add(listener);
                }
                return first;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
            finally
            {
                listeners.ForEach(l => l.Stop());
            }
        }
        throw new InvalidOperationException($"No {count} consecutive free ports found.");
    }
}
