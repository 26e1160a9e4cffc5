using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Modbus.Polling;
using CleanroomMonitor.Modbus.Profiles;
using CleanroomMonitor.Modbus.Server;
using CleanroomMonitor.Modbus.Tests.Server;

namespace CleanroomMonitor.Modbus.Tests.Polling;

/// <summary>The poller against real libmodbus servers: TCP on loopback, RTU through a socat pty pair.</summary>
public sealed class ConnectionPollerTests : IAsyncDisposable
{
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

    [Fact]
    public async Task Poll_LighthouseOverTcp_StartsCounterAndDeliversEachRecordOnceWithVolumeAndTime()
    {
        var counter = Own(new ProfileDevice(PollingHarness.Profiles["lighthouse-remote-3104p"], 1, TimeSpan.FromSeconds(60)));
        var server = Own(new ModbusTcpServer([counter.Unit]));
        server.Start();
        _harness.Start(PollingHarness.Tcp(server.Port, PollingHarness.Device(1, "lighthouse-remote-3104p", "pc1")));

        await _harness.WaitUntilAsync(() => counter.IsRunning, "the start command (11 to 40002) to reach the counter");
        for (var i = 0; i < 3; i++)
        {
            Assert.True(counter.Present(Counts(T0.AddMinutes(i), small: 100 + i, large: i, SampleFaults.None)));
            await _harness.WaitUntilAsync(() => _harness.Samples().Count == i + 1, $"record {i}");
        }
        var polls = _harness.Metrics.Polls;
        await _harness.WaitUntilAsync(() => _harness.Metrics.Polls >= polls + 5, "five more polls without new records");

        var samples = _harness.Samples();
        Assert.Equal(3, samples.Count);
        Assert.Equal([0L, 1L, 2L], samples.Select(s => s.Sequence!.Value));
        Assert.Equal([T0, T0.AddMinutes(1), T0.AddMinutes(2)], samples.Select(s => s.Timestamp!.Value));
        Assert.Equal(28.3168, samples[0].VolumeLitres!.Value, 3);   // 1.00 CFM × 60 s
        Assert.Equal(new SampleValue(Parameter.ParticlesHalfMicron, 102, true), samples[2].Values.Single(v => v.Parameter == Parameter.ParticlesHalfMicron));
        Assert.Equal(new SampleValue(Parameter.ParticlesFiveMicron, 2, true), samples[2].Values.Single(v => v.Parameter == Parameter.ParticlesFiveMicron));
        Assert.All(samples, s => Assert.Equal(SampleFaults.None, s.Faults));
        Assert.Equal(0, _harness.Metrics.FailuresTotal);
    }

    [Fact]
    public async Task Poll_SaturatedCountRegister_SampleCarriesSaturatedFaultAndNotTheValue()
    {
        var counter = Own(new ProfileDevice(PollingHarness.Profiles["lighthouse-remote-3104p"], 2, TimeSpan.FromSeconds(60)));
        var server = Own(new ModbusTcpServer([counter.Unit]));
        server.Start();
        _harness.Start(PollingHarness.Tcp(server.Port, PollingHarness.Device(2, "lighthouse-remote-3104p", "pc1")));
        await _harness.WaitUntilAsync(() => counter.IsRunning, "the start command to reach the counter");

        Assert.True(counter.Present(Counts(T0, small: uint.MaxValue, large: 3, SampleFaults.None)));
        await _harness.WaitUntilAsync(() => _harness.Samples().Count == 1, "the record with the saturated 0.5 µm register");

        var sample = _harness.Samples().Single();
        Assert.Equal(SampleFaults.Saturated, sample.Faults);
        Assert.Equal([new SampleValue(Parameter.ParticlesFiveMicron, 3, true)], sample.Values);
        Assert.Contains(_harness.Logger.Entries(), e => e.Message.Contains("pc0_5: device fault value (raw 4294967295: saturated register)", StringComparison.Ordinal));
        var readings = new List<Reading>();
        Assert.Null(new SampleNormalizer(TestFacility.Load(), new IngestOptions()).Normalize(sample with { ReceivedAt = T0 }, readings));
        Assert.Equal(SampleFaults.Saturated, Assert.Single(readings).Faults);
    }

    [Fact]
    public async Task Poll_SeveralRecordsBetweenPolls_ReadsThemAllBackInOrder()
    {
        var counter = Own(new ProfileDevice(PollingHarness.Profiles["lighthouse-remote-3104p"], 3, TimeSpan.FromSeconds(6)));
        var server = Own(new ModbusTcpServer([counter.Unit]));
        server.Start();
        _harness.Start(PollingHarness.Tcp(server.Port, PollingHarness.Device(3, "lighthouse-remote-3104p", "pc1", intervalMs: 1000, timeoutMs: 200)));
        await _harness.WaitUntilAsync(() => counter.IsRunning && _harness.Metrics.Polls >= 2, "the counter started and polled once more");

        var pollsBefore = _harness.Metrics.Polls;
        for (var i = 0; i < 5; i++)
        {
            counter.Present(Counts(T0.AddSeconds(6 * i), small: 10 * i, large: 0, i == 3 ? SampleFaults.Laser : SampleFaults.None));
        }
        await _harness.WaitUntilAsync(() => _harness.Samples().Count == 5, "five records");

        var samples = _harness.Samples();
        Assert.Equal([0L, 1L, 2L, 3L, 4L], samples.Select(s => s.Sequence!.Value));
        Assert.Equal(SampleFaults.Laser, samples[3].Faults);
        Assert.True(_harness.Metrics.Polls - pollsBefore <= 3, "the records arrived between polls, not one per poll");
        Assert.True(_harness.Logger.Count(1009) + _harness.Logger.Count(1012) >= 1);
    }

    [Fact]
    public async Task Poll_SeveralUnitsOnOneTcpGateway_EachDecodedWithItsProfile()
    {
        var th = Own(new ProfileDevice(PollingHarness.Profiles["vaisala-hmw90"], 1, TimeSpan.FromSeconds(1)));
        var dp = Own(new ProfileDevice(PollingHarness.Profiles["dp-transmitter-int16"], 2, TimeSpan.FromSeconds(1)));
        var inc = Own(new ProfileDevice(PollingHarness.Profiles["co2-incubator-generic"], 3, TimeSpan.FromSeconds(1)));
        th.Present(Values(T0, (Parameter.Temperature, 21.5), (Parameter.RelativeHumidity, 45.25)));
        dp.Present(Values(T0, (Parameter.DifferentialPressure, -12.5)));
        inc.Present(Values(T0, (Parameter.Co2, 5.02), (Parameter.Temperature, 37.1)));
        var server = Own(new ModbusTcpServer([th.Unit, dp.Unit, inc.Unit]));
        server.Start();

        _harness.Start(PollingHarness.Tcp(server.Port,
            PollingHarness.Device(1, "vaisala-hmw90", "th1"), PollingHarness.Device(2, "dp-transmitter-int16", "dp1"), PollingHarness.Device(3, "co2-incubator-generic", "inc1")));
        await _harness.WaitUntilAsync(() => _harness.Samples("th1").Count >= 2 && _harness.Samples("dp1").Count >= 2 && _harness.Samples("inc1").Count >= 1, "samples of all three");

        Assert.Equal([21.5, 45.25], Sorted(_harness.Samples("th1")[0], Parameter.Temperature, Parameter.RelativeHumidity));
        Assert.Null(_harness.Samples("th1")[0].Timestamp);   // no device clock: ingest stamps the receive time
        Assert.Equal([-12.5], Sorted(_harness.Samples("dp1")[0], Parameter.DifferentialPressure));
        Assert.Equal([5.02, 37.1], Sorted(_harness.Samples("inc1")[0], Parameter.Co2, Parameter.Temperature));
        Assert.Equal(T0, _harness.Samples("inc1")[0].Timestamp);
        Assert.Single(_harness.Samples("inc1"));   // its clock did not move: the same values are not a new sample
        Assert.Equal(0, _harness.Metrics.FailuresTotal);
    }

    [Fact]
    public async Task Poll_RtuLineWithSeveralUnits_AllPolledOverSocat()
    {
        await using var line = await SocatPair.StartAsync();
        var th = Own(new ProfileDevice(PollingHarness.Profiles["vaisala-hmw90"], 5, TimeSpan.FromSeconds(1)));
        var dp = Own(new ProfileDevice(PollingHarness.Profiles["dp-transmitter-int16"], 6, TimeSpan.FromSeconds(1)));
        var counter = Own(new ProfileDevice(PollingHarness.Profiles["lighthouse-remote-3104p"], 7, TimeSpan.FromSeconds(60)));
        th.Present(Values(T0, (Parameter.Temperature, 19.75), (Parameter.RelativeHumidity, 40)));
        dp.Present(Values(T0, (Parameter.DifferentialPressure, 15.3)));
        var server = Own(new ModbusRtuServer([th.Unit, dp.Unit, counter.Unit], new SerialSettings(line.A, 115200)));
        server.Start();

        _harness.Start(PollingHarness.Rtu(line.B, PollingHarness.Device(5, "vaisala-hmw90", "th1"), PollingHarness.Device(6, "dp-transmitter-int16", "dp1"),
            PollingHarness.Device(7, "lighthouse-remote-3104p", "pc1")));
        await _harness.WaitUntilAsync(() => counter.IsRunning, "the start command over RTU");
        counter.Present(Counts(T0, 42, 1, SampleFaults.Flow));
        await _harness.WaitUntilAsync(() => _harness.Samples("th1").Count >= 3 && _harness.Samples("dp1").Count >= 3 && _harness.Samples("pc1").Count == 1, "samples of all three units");

        Assert.Equal([19.75, 40], Sorted(_harness.Samples("th1")[0], Parameter.Temperature, Parameter.RelativeHumidity));
        Assert.Equal([15.3], Sorted(_harness.Samples("dp1")[0], Parameter.DifferentialPressure));
        Assert.Equal(SampleFaults.Flow, _harness.Samples("pc1")[0].Faults);
        Assert.Equal(0, _harness.Metrics.FailuresTotal);
        Assert.Equal(0, server.BadFrames);
    }

    internal static DeviceReading Counts(DateTimeOffset at, long small, long large, SampleFaults faults) =>
        new(new Dictionary<Parameter, double> { [Parameter.ParticlesHalfMicron] = small, [Parameter.ParticlesFiveMicron] = large }, at, faults);

    internal static DeviceReading Values(DateTimeOffset at, params (Parameter Parameter, double Value)[] values) =>
        new(values.ToDictionary(v => v.Parameter, v => v.Value), at);

    private static double[] Sorted(SensorSample sample, params Parameter[] parameters) =>
        parameters.Select(p => Math.Round(sample.Values.Single(v => v.Parameter == p).Value, 4)).ToArray();

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
