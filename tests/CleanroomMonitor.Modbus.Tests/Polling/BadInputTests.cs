using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Modbus.Profiles;
using CleanroomMonitor.Modbus.Server;
using CleanroomMonitor.Modbus.Tests.Server;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.Modbus.Tests.Polling;

/// <summary>Issue "Bad input": each misbehaviour is counted and logged, raises communication loss, does not crash the
/// poller, and the other devices on the same connection keep being polled on time; clearing it restores communication.</summary>
public sealed class BadInputTests : IAsyncDisposable
{
    private const int IntervalMs = 500;
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_760_000_000);
    private readonly PollingHarness _harness = new();
    private readonly List<IDisposable> _owned = [];

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    [Theory]
    [InlineData(UnitFault.ExceptionResponse, ModbusErrorKind.ExceptionResponse)]
    [InlineData(UnitFault.Silent, ModbusErrorKind.Timeout)]
    [InlineData(UnitFault.Truncated, ModbusErrorKind.Timeout)]
    [InlineData(UnitFault.WrongUnitId, ModbusErrorKind.WrongUnitId)]
    [InlineData(UnitFault.CloseConnection, ModbusErrorKind.ConnectionClosed)]
    [InlineData(UnitFault.Garbage, null)]
    public async Task Poll_TcpUnitMisbehaves_CountedLostOthersOnTimeThenRestored(UnitFault fault, ModbusErrorKind? expected)
    {
        var (healthy1, faulty, healthy2) = (Transmitter(1), Transmitter(2), Transmitter(3));
        var server = Own(new ModbusTcpServer([healthy1.Unit, faulty.Unit, healthy2.Unit]));
        server.Start();

        await RunFaultAsync(PollingHarness.Tcp(server.Port, Devices()), faulty, fault, expected);
    }

    [Theory]
    [InlineData(UnitFault.ExceptionResponse, ModbusErrorKind.ExceptionResponse)]
    [InlineData(UnitFault.Silent, ModbusErrorKind.Timeout)]
    [InlineData(UnitFault.BadCrc, ModbusErrorKind.BadCrc)]
    [InlineData(UnitFault.Truncated, ModbusErrorKind.Timeout)]
    [InlineData(UnitFault.WrongUnitId, ModbusErrorKind.WrongUnitId)]
    [InlineData(UnitFault.Garbage, null)]
    public async Task Poll_RtuUnitMisbehaves_CountedLostOthersOnTimeThenRestored(UnitFault fault, ModbusErrorKind? expected)
    {
        await using var line = await SocatPair.StartAsync();
        var (healthy1, faulty, healthy2) = (Transmitter(1), Transmitter(2), Transmitter(3));
        var server = Own(new ModbusRtuServer([healthy1.Unit, faulty.Unit, healthy2.Unit], new SerialSettings(line.A, 115200)));
        server.Start();

        await RunFaultAsync(PollingHarness.Rtu(line.B, Devices()), faulty, fault, expected);
    }

    [Fact]
    public async Task Poll_UnitAbsentBehindGateway_GatewayExceptionCountedAndLost()
    {
        var present = Transmitter(1);
        var server = Own(new ModbusTcpServer([present.Unit]));
        server.Start();

        _harness.Start(PollingHarness.Tcp(server.Port, PollingHarness.Device(1, "dp-transmitter-int16", "dp1", IntervalMs), PollingHarness.Device(9, "dp-transmitter-int16", "dp2", IntervalMs)));

        await _harness.WaitUntilAsync(() => _harness.Events.Any(e => e.Kind == SourceEventKind.CommunicationLost), "communication loss of unit 9");
        Assert.Equal(new SensorId("dp2"), Assert.Single(_harness.Events).Sensors.Single());
        Assert.True(_harness.Metrics.Failures(ModbusErrorKind.ExceptionResponse) >= 3);
        Assert.Contains(_harness.Logger.Entries(), e => e.Id.Id == 1003 && e.Message.Contains("Target device failed to respond", StringComparison.Ordinal));
        Assert.NotEmpty(_harness.Samples("dp1"));
    }

    [Fact]
    public async Task Poll_DeviceVanishesAndReturnsOnSamePort_LostThenRestoredAndReconnected()
    {
        var port = FreePort.Next();
        var device = Transmitter(1);
        var server = new ModbusTcpServer([device.Unit], port);
        server.Start();
        _harness.Start(PollingHarness.Tcp(port, PollingHarness.Device(1, "dp-transmitter-int16", "dp1", IntervalMs)));
        await _harness.WaitUntilAsync(() => _harness.Samples().Count >= 2, "first samples");

        server.Dispose();
        await _harness.WaitUntilAsync(() => _harness.Events.Any(e => e.Kind == SourceEventKind.CommunicationLost), "communication loss");
        Assert.True(_harness.Metrics.Failures(ModbusErrorKind.ConnectionRefused) + _harness.Metrics.Failures(ModbusErrorKind.ConnectionClosed) >= 3);
        var before = _harness.Samples().Count;
        server = Own(new ModbusTcpServer([device.Unit], port));
        server.Start();

        await _harness.WaitUntilAsync(() => _harness.Events.Any(e => e.Kind == SourceEventKind.CommunicationRestored), "communication restored");
        await _harness.WaitUntilAsync(() => _harness.Samples().Count > before, "samples again");
        Assert.Equal([SourceEventKind.CommunicationLost, SourceEventKind.CommunicationRestored], _harness.Events.Select(e => e.Kind));
        Assert.True(_harness.Logger.Count(1001) >= 2, "connected, then connected again");
    }

    [Fact]
    public async Task Poll_ServerResetsConnection_ReconnectsWithoutLosingTheDevice()
    {
        var device = Transmitter(1);
        var server = Own(new ModbusTcpServer([device.Unit]));
        server.Start();
        _harness.Start(PollingHarness.Tcp(server.Port, PollingHarness.Device(1, "dp-transmitter-int16", "dp1", IntervalMs)));
        await _harness.WaitUntilAsync(() => _harness.Samples().Count >= 2, "first samples");

        server.DisconnectClients();

        var before = _harness.Samples().Count;
        await _harness.WaitUntilAsync(() => _harness.Samples().Count >= before + 3, "samples after the reset");
        Assert.DoesNotContain(_harness.Events, e => e.Kind == SourceEventKind.CommunicationLost);
    }

    private async Task RunFaultAsync(Modbus.Polling.ConnectionPlan plan, ProfileDevice faulty, UnitFault fault, ModbusErrorKind? expected)
    {
        _harness.Start(plan);
        await _harness.WaitUntilAsync(() => _harness.Samples("dp2").Count >= 2, "the faulty unit's first samples while it still behaves");

        faulty.Unit.Fault = fault;
        await _harness.WaitUntilAsync(() => _harness.Events.Any(e => e.Kind == SourceEventKind.CommunicationLost), $"communication loss under {fault}");
        var healthyBefore = (_harness.Samples("dp1").Count, _harness.Samples("dp3").Count);
        var (failuresBefore, pollsBefore) = (_harness.Metrics.FailuresTotal, _harness.Metrics.Polls);
        await _harness.WaitUntilAsync(() => _harness.Metrics.FailuresTotal >= failuresBefore + 5, "five more failed polls of the faulty unit");
        var failed = (_harness.Metrics.Polls - pollsBefore) / 3;   // polls per device in the window
        var healthyAfter = (_harness.Samples("dp1").Count, _harness.Samples("dp3").Count);
        faulty.Unit.Fault = UnitFault.None;
        await _harness.WaitUntilAsync(() => _harness.Events.Any(e => e.Kind == SourceEventKind.CommunicationRestored), "communication restored");

        var lost = _harness.Events.First(e => e.Kind == SourceEventKind.CommunicationLost);
        Assert.Equal(new SensorId("dp2"), lost.Sensors.Single());
        if (expected is { } kind)
        {
            Assert.True(_harness.Metrics.Failures(kind) >= 3, $"{kind} counted: {string.Join(", ", Enum.GetValues<ModbusErrorKind>().Select(k => $"{k}={_harness.Metrics.Failures(k)}"))}");
        }
        Assert.True(_harness.Logger.Count(1003) >= 1 && _harness.Logger.Count(1005) == 1 && _harness.Logger.Count(1006) == 1, "failure, loss and restoration logged once each");
        // The healthy units kept their schedule while their neighbour failed: same interval, so as many polls as the
        // faulty unit's failed ones, give or take the one in progress at either end. (Fairness rather than wall-clock
        // punctuality, so the check holds on a loaded machine; the benchmark measures lateness and missed polls.)
        Assert.True(healthyAfter.Item1 - healthyBefore.Item1 >= failed - 2 && healthyAfter.Item2 - healthyBefore.Item2 >= failed - 2,
            $"healthy units kept being polled ({failed} polls per device in the window): {healthyBefore} -> {healthyAfter}");
        Assert.DoesNotContain(_harness.Events, e => e.Sensors.Any(s => s.Value != "dp2"));
    }

    private static Modbus.Polling.DevicePlan[] Devices() =>
    [
        PollingHarness.Device(1, "dp-transmitter-int16", "dp1", IntervalMs, timeoutMs: 150),
        PollingHarness.Device(2, "dp-transmitter-int16", "dp2", IntervalMs, timeoutMs: 150),
        PollingHarness.Device(3, "dp-transmitter-int16", "dp3", IntervalMs, timeoutMs: 150),
    ];

    private ProfileDevice Transmitter(int unitId)
    {
        var device = Own(new ProfileDevice(PollingHarness.Profiles["dp-transmitter-int16"], unitId, TimeSpan.FromSeconds(1)));
        device.Present(new DeviceReading(new Dictionary<Parameter, double> { [Parameter.DifferentialPressure] = 10 + unitId }, T0));
        return device;
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
