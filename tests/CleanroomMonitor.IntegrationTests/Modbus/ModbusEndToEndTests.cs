using CleanroomMonitor.TestSupport;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Modbus.Server;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Modbus;

/// <summary>Simulated Modbus instruments → the service's poller → InfluxDB, over TCP and over RTU.</summary>
public sealed class ModbusEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ModbusRig _rig = null!;

    public async Task InitializeAsync() => _rig = await ModbusRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Poll_TcpDevices_EachRecordAndClockedReadingStoredExactlyOnce()
    {
        await _rig.SimulationRun;
        var records = _rig.Simulation.Device(new SensorId("pc1")).Presented;
        var incubatorReadings = _rig.Simulation.Device(new SensorId("inc1")).Presented;
        Assert.InRange(records, ModbusRig.Rounds, ModbusRig.Rounds + 1);   // the first comes before the poller's start command, or not

        await WaitUntilAsync(async () => await _rig.CountPointsAsync("pc1") >= 2 * records && await _rig.CountPointsAsync("inc1") >= 2 * incubatorReadings,
            "every record and incubator reading in InfluxDB");
        var polls = _rig.Metrics.Polls;
        await WaitUntilAsync(() => Task.FromResult(_rig.Metrics.Polls >= polls + 30), "30 more polls with nothing new");
        await WaitUntilAsync(async () => await _rig.CountAllPointsAsync() == _rig.Ingest.Accepted, "every accepted reading in InfluxDB");

        Assert.Equal(2 * records, await _rig.CountPointsAsync("pc1"));             // never counted twice
        Assert.Equal(2 * incubatorReadings, await _rig.CountPointsAsync("inc1"));  // its clock says when a reading is new
        Assert.True(await _rig.CountPointsAsync("th1") > 0 && await _rig.CountPointsAsync("dp1") > 0);
        Assert.True(_rig.Ingest.RejectedTotal == 0, await StateAsync());
        Assert.Equal(0, _rig.Metrics.FailuresTotal);
        var particles = Assert.Single((await _rig.InfluxClient.QueryAsync(
            "SELECT \"count\", \"volume_l\", \"value\" FROM \"reading\" WHERE \"sensor\" = 'pc1' AND \"parameter\" = 'particles_0_5um' LIMIT 1", default)).Series);
        var volume = particles.Get(0, "volume_l").GetDouble();
        Assert.Equal(28.316846592 / 60, volume, 3);   // 1.00 CFM × a 1 s sample, as the counter reports them
        Assert.Equal(particles.Get(0, "count").GetInt64() * 1000 / volume, particles.Get(0, "value").GetDouble(), 6);
    }

    [Fact]
    public async Task Restart_RecordsCompletedWhileServiceDown_ReadBackFromTheCounterAndStoredOnce()
    {
        await _rig.SimulationRun;
        var counter = _rig.Simulation.Device(new SensorId("pc1"));
        var before = counter.Presented;
        await WaitUntilAsync(async () => await _rig.CountPointsAsync("pc1") >= 2 * before, "the records before the stop in InfluxDB");

        await _rig.RestartServiceAsync(() => _rig.Simulation.RunAsync(8, default, TimeProvider.System.GetUtcNow()));
        var all = counter.Presented;
        Assert.True(all >= before + 8, "the counter kept sampling while the service was down");
        await WaitUntilAsync(async () => await _rig.CountPointsAsync("pc1") >= 2 * all, "the records completed while the service was down in InfluxDB");
        var polls = _rig.Metrics.Polls;
        await WaitUntilAsync(() => Task.FromResult(_rig.Metrics.Polls >= polls + 30), "30 more polls with nothing new");

        Assert.Equal(2 * all, await _rig.CountPointsAsync("pc1"));   // each record once: none lost, none read twice
        Assert.Equal(0, _rig.Metrics.Commands);                      // the counter ran all along: it was not started again
        Assert.Equal(0, _rig.Metrics.RecordsSkipped);
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(new Uri(_rig.App.Urls.First()), "/metrics"));
        Assert.Contains("cleanroom_modbus_records_skipped_total{modbus_device=\"gw/1\"} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("cleanroom_modbus_records_read_twice_total{modbus_device=\"gw/1\"} 0", metrics, StringComparison.Ordinal);
        Assert.Matches("cleanroom_modbus_samples_total\\{modbus_device=\"gw/1\"\\} [1-9]", metrics);
    }

    [Fact]
    public async Task Poll_InvertedCumulativeCounts_StoredFlaggedAndRaisesSensorFault()
    {
        await _rig.SimulationRun;
        var counter = _rig.Simulation.Device(new SensorId("pc1"));

        Assert.True(counter.Present(new DeviceReading(
            new Dictionary<Parameter, double> { [Parameter.ParticlesHalfMicron] = 10, [Parameter.ParticlesFiveMicron] = 11 }, DateTimeOffset.UtcNow)));

        const string flagged = "SELECT count(\"value\") FROM \"reading\" WHERE \"sensor\" = 'pc1' AND \"faults\" = 256";   // SampleFaults.InconsistentCounts
        await WaitUntilAsync(async () => await MonitorRig.CountAsync(_rig.InfluxClient, flagged, default) == 2, "the record's two readings stored flagged");
        var records = _rig.App.Services.GetRequiredService<IRecordStore>();
        await WaitUntilAsync(async () => (await records.ExcursionsAsync(new ExcursionQuery(Sensor: new SensorId("pc1")), default)).Any(e => e.Kind == ExcursionKind.SensorFault),
            "a sensor-fault excursion for the counter");
        var fault = (await records.ExcursionsAsync(new ExcursionQuery(Sensor: new SensorId("pc1")), default)).Single(e => e.Kind == ExcursionKind.SensorFault);
        Assert.Contains("inconsistent cumulative counts", fault.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_RtuDevicesOverSocat_ValuesStored()
    {
        await WaitUntilAsync(async () => await _rig.CountPointsAsync("dp2") >= 3 && await _rig.CountPointsAsync("th2") >= 6, "RTU readings in InfluxDB");

        var dp = Assert.Single((await _rig.InfluxClient.QueryAsync("SELECT mean(\"value\") FROM \"reading\" WHERE \"sensor\" = 'dp2'", default)).Series);
        Assert.InRange(dp.Get(0, "mean").GetDouble(), 10, 20);   // the simulator's 15 Pa ± noise, through int16 × 0.1
        var rh = Assert.Single((await _rig.InfluxClient.QueryAsync("SELECT mean(\"value\") FROM \"reading\" WHERE \"sensor\" = 'th2' AND \"parameter\" = 'relative_humidity'", default)).Series);
        Assert.InRange(rh.Get(0, "mean").GetDouble(), 35, 55);
        Assert.Equal(0, _rig.Metrics.FailuresTotal);
    }

    [Fact]
    public async Task Poll_GatewayVanishesAndReturns_CommunicationLostThenRestoredWhileRtuContinues()
    {
        await WaitUntilAsync(async () => await _rig.CountPointsAsync("dp1") >= 2, "first TCP readings");

        _rig.Simulation.StopServer(ModbusRig.TcpConnection);

        await WaitUntilAsync(() => Task.FromResult(_rig.Metrics.Lost >= 4), "communication loss of the 4 devices behind the gateway");
        var lost = _rig.Logs.Entries.Where(e => e.EventId.Id == 1005).Select(e => e.Message).ToList();
        Assert.Equal(4, lost.Count);
        Assert.All(["gw/1", "gw/2", "gw/3", "gw/4"], device => Assert.Contains(lost, m => m.Contains(device, StringComparison.Ordinal)));
        // The excursion engine may already have taken the events; if it has not, the first one is the loss.
        if (_rig.App.Services.GetRequiredService<PipelineChannels>().Judging.Reader.TryPeek(out var first) && first.SourceEvent is { } sourceEvent)
        {
            Assert.Equal(SourceEventKind.CommunicationLost, sourceEvent.Kind);
        }
        var rtuBefore = await _rig.CountPointsAsync("dp2");
        var tcpBefore = await _rig.CountPointsAsync("dp1");
        await WaitUntilAsync(async () => await _rig.CountPointsAsync("dp2") >= rtuBefore + 3, "RTU devices still polled during the TCP outage");

        _rig.Simulation.StartServer(ModbusRig.TcpConnection);

        await WaitUntilAsync(() => Task.FromResult(_rig.Metrics.Restored >= 4), "communication restored for the 4 devices");
        await WaitUntilAsync(async () => await _rig.CountPointsAsync("dp1") > tcpBefore, "TCP readings again");
        Assert.Equal(4, _rig.Logs.Entries.Count(e => e.EventId.Id == 1006));
    }

    private async Task<string> StateAsync()
    {
        var counts = new List<string>();
        foreach (var sensor in new[] { "pc1", "th1", "dp1", "inc1", "dp2", "th2" })
        {
            counts.Add($"{sensor}={await _rig.CountPointsAsync(sensor)}");
        }
        var rejections = string.Join(", ", _rig.Ingest.Rejections().Where(r => r.Count > 0).Select(r => $"{r.Reason}={r.Count} ({r.Latest?.Detail})"));
        var log = string.Join("\n", _rig.Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).TakeLast(10).Select(e => e.ToString()));
        return $"Influx {string.Join(" ", counts)}; polls {_rig.Metrics.Polls}, samples {_rig.Metrics.Samples}, failures {_rig.Metrics.FailuresTotal}, accepted {_rig.Ingest.Accepted}, rejected: {rejections}\n{log}";
    }

    private Task WaitUntilAsync(Func<Task<bool>> condition, string what) => Eventually.UntilAsync(_ => condition(), Patience, what, StateAsync);
}
