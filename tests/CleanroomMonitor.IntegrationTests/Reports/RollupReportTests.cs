using System.Text;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.Storage.Influx;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.IntegrationTests.Reports;

/// <summary>The report read from hourly roll-ups must equal the report aggregated from raw points (docs/reports.md,
/// "Roll-ups"): a batch that starts and ends inside an hour, a room-state change mid-batch with other limits at rest,
/// and a reading arriving through the service for an hour that is already rolled up.</summary>
public sealed class RollupReportTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _directory = new("rollup-report");
    private MonitorRig _rig = null!;

    public async Task InitializeAsync()
    {
        // cr1's temperature limits differ by room state, so a state change mid-batch moves samples between bands.
        var facility = MonitorRig.FacilityJson.Replace(
            """"
            "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } }
            """",
            """"
            "limits": { "temperature": { "atRest": { "alert": { "low": 18.5, "high": 22 }, "action": { "low": 17, "high": 24 } }, "inOperation": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } }
            """",
            StringComparison.Ordinal);
        Assert.NotEqual(MonitorRig.FacilityJson, facility);
        var file = _directory.Combine("facility.json");
        await File.WriteAllTextAsync(file, facility);
        _rig = await MonitorRig.StartAsync(new Dictionary<string, string?>
        {
            ["Facility:File"] = file,
            ["Reports:RollupPoll"] = "00:00:00",        // the test runs each pass itself, to know what was rolled up when
            ["Reports:RollupDelay"] = "00:00:00",
            ["Reports:RollupBackfill"] = "08:00:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Report_FromRollups_EqualsRawAtPartialEdgesAfterStateChangeAndLateReading()
    {
        var services = _rig.App.Services;
        var engine = services.GetRequiredService<ExcursionEngine>();
        var records = services.GetRequiredService<IRecordStore>();
        var rollups = services.GetRequiredService<HourlyRollups>();
        var builder = services.GetRequiredService<BatchReportBuilder>();
        await engine.Ready.WaitAsync(TimeSpan.FromSeconds(30));

        var hour = RollupSchema.HourOf(DateTimeOffset.UtcNow);
        var start = hour.AddHours(-4).AddMinutes(17).AddSeconds(11);    // partial first hour
        var atRest = hour.AddHours(-3).AddMinutes(29).AddSeconds(13);   // state change inside a whole hour of the batch
        var inOperation = hour.AddHours(-1).AddMinutes(5).AddSeconds(3);
        var end = hour.AddHours(-1).AddMinutes(41).AddSeconds(7);       // partial last hour
        var late = hour.AddHours(-2).AddMinutes(30).AddSeconds(5);      // inside the whole hour [H-2h, H-1h)

        var (batch, problem) = await engine.StartBatchAsync(new BatchStart("RUP-1", "mAb", "helix-bio", ["cr1"], "open", start, "test"), CancellationToken.None);
        Assert.True(batch is not null, problem?.Message);

        // History from 40 min before the batch to 10 min after it, so the edges decide what counts. 15.0 to 26.2 °C in
        // steps of 0.1, which hits every limit exactly, and means that are not exact binary fractions.
        var samples = new List<(DateTimeOffset At, double Value)>();
        var readings = new List<Reading>();
        var i = 0;
        for (var at = start.AddMinutes(-40); at < end.AddMinutes(10); at += Step, i++)
        {
            var value = 15 + i * 37 % 113 / 10.0;
            samples.Add((at, value));
            readings.Add(ReportData.At("th1", "cr1", Parameter.Temperature, value, at));
            readings.Add(ReportData.At("th1", "cr1", Parameter.RelativeHumidity, 40 + i % 17 * 0.3, at));
        }
        await ReportData.WriteAsync(_rig, readings);
        await AddStateAsync(records, RoomState.AtRest, atRest);
        await AddStateAsync(records, RoomState.InOperation, inOperation);
        (batch, problem) = await engine.EndBatchAsync(new BatchEnd("RUP-1", end, "test"), CancellationToken.None);
        Assert.True(batch is not null, problem?.Message);

        Assert.True(await rollups.CatchUpAsync(CancellationToken.None) >= 5, "the hours of the batch were rolled up");
        // The backfill's hours before the history hold nothing: rolled up as empty (in one write), the others with rows.
        var quietHour = hour.AddHours(-7);
        Assert.Equal(0, await RowsAsync(quietHour));
        Assert.Equal(2, await RowsAsync(hour.AddHours(-3)));   // th1's temperature and humidity
        var report = await builder.BuildAsync(batch, "test", CancellationToken.None);
        AssertSameFigures(await RawBuilder().BuildAsync(batch, "test", CancellationToken.None), report);
        AssertTemperature(report, samples, start, atRest, inOperation, end);
        Assert.Equal(3, report.Limits.Count(l => l.Sensor == "th1" && l.Parameter == "temperature"));

        // The roll-ups are what the report read: a falsified row changes it, and marking its hour dirty puts it right.
        var ledger = services.GetRequiredService<RollupLedger>();
        await _rig.InfluxClient.WriteAsync(Encoding.UTF8.GetBytes(
            $"{RollupSchema.Rows},parameter=temperature,sensor=th1,site=itest n=1i,total=99.0,lo=99.0,hi=99.0 {late.AddMinutes(-30).AddSeconds(-5).ToUnixTimeMilliseconds()}"),
            CancellationToken.None);
        var falsified = await builder.BuildAsync(batch, "test", CancellationToken.None);
        Assert.Equal(99, Temperature(falsified).Max);
        await ledger.InvalidateAsync([late], CancellationToken.None);
        AssertSameFigures(report, await builder.BuildAsync(batch, "test", CancellationToken.None));
        Assert.True(await rollups.CatchUpAsync(CancellationToken.None) >= 1, "the invalidated hour was recomputed");
        AssertSameFigures(report, await builder.BuildAsync(batch, "test", CancellationToken.None));

        // A late reading through the service (MQTT → buffer → forwarder) for that rolled-up hour: at action level in
        // both states. Before the hour is recomputed the report already counts it (the hour reads raw), and after too.
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{late:O}}}","values":{"temperature":30.5}}""");
        samples.Add((late, 30.5));
        await _rig.WaitForPointsAsync(samples.Count, Patience, "WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature'");
        var dirty = await _rig.InfluxClient.QueryAsync($"SELECT \"pending\" FROM \"{RollupSchema.Dirty}\"", CancellationToken.None);
        Assert.Contains(dirty.Series.SelectMany(s => s.Values), row => row[0].GetInt64() == RollupSchema.HourOf(late).ToUnixTimeMilliseconds());
        var beforeRecompute = await builder.BuildAsync(batch, "test", CancellationToken.None);
        AssertSameFigures(await RawBuilder().BuildAsync(batch, "test", CancellationToken.None), beforeRecompute);
        AssertTemperature(beforeRecompute, samples, start, atRest, inOperation, end);
        Assert.Equal(Temperature(report).Samples + 1, Temperature(beforeRecompute).Samples);
        Assert.Equal(Temperature(report).ActionSamples + 1, Temperature(beforeRecompute).ActionSamples);

        Assert.True(await rollups.CatchUpAsync(CancellationToken.None) >= 1, "the dirty hour was recomputed");
        dirty = await _rig.InfluxClient.QueryAsync($"SELECT \"pending\" FROM \"{RollupSchema.Dirty}\"", CancellationToken.None);
        Assert.DoesNotContain(dirty.Series.SelectMany(s => s.Values), row => row[0].GetInt64() == RollupSchema.HourOf(late).ToUnixTimeMilliseconds());
        var recomputed = await builder.BuildAsync(batch, "test", CancellationToken.None);
        AssertSameFigures(beforeRecompute, recomputed);
        AssertTemperature(recomputed, samples, start, atRest, inOperation, end);

        // A late reading in an hour rolled up as empty makes it dirty like any other, and the next pass counts it.
        var lateInQuiet = quietHour.AddMinutes(12);
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{lateInQuiet:O}}}","values":{"temperature":21.5}}""");
        await _rig.WaitForPointsAsync(1, Patience, $"WHERE \"sensor\" = 'th1' AND {RollupLedger.Period(quietHour, quietHour + RollupSchema.Hour)}");
        Assert.True(await rollups.CatchUpAsync(CancellationToken.None) >= 1, "the hour rolled up as empty was recomputed");
        Assert.Equal(1, await RowsAsync(quietHour));
    }

    private async Task<long> RowsAsync(DateTimeOffset hour)
    {
        var answer = await _rig.InfluxClient.QueryAsync(
            $"SELECT \"rows\" FROM \"{RollupSchema.Hours}\" WHERE {RollupLedger.Period(hour, hour + RollupSchema.Hour)}", CancellationToken.None);
        var row = Assert.Single(Assert.Single(answer.Series).Values);
        return row[1].GetInt64();
    }

    [Fact]
    public void HoursOf_ReadingLines_HourOfEachTimestampOtherMeasurementsIgnored()
    {
        var lines = new[]
        {
            "reading,parameter=temperature,sensor=th1,site=x value=20 1700000000000",
            "reading,parameter=temperature,sensor=th1,site=x value=20 1700003599999",
            "excursion,site=x id=\"a\" 1600000000000",
            "reading,parameter=co2,sensor=c1,site=x value=0.04 1700003600000",
        }.Select(l => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(l));

        var hours = RollupLedger.HoursOf(lines).Order().ToList();

        Assert.Equal([DateTimeOffset.FromUnixTimeMilliseconds(1699999200000), DateTimeOffset.FromUnixTimeMilliseconds(1700002800000)], hours);
    }

    private static ParameterStatistics Temperature(BatchReport report) => Assert.Single(report.Statistics, s => s.Sensor == "th1" && s.Parameter == "temperature");

    /// <summary>The figures computed here from the samples themselves, independently of InfluxDB.</summary>
    private static void AssertTemperature(BatchReport report, List<(DateTimeOffset At, double Value)> samples, DateTimeOffset start,
        DateTimeOffset atRest, DateTimeOffset inOperation, DateTimeOffset end)
    {
        var inside = samples.Where(s => s.At >= start && s.At < end).ToList();
        bool Rest(DateTimeOffset at) => at >= atRest && at < inOperation;
        var action = inside.Count(s => Rest(s.At) ? s.Value >= 24 || s.Value <= 17 : s.Value >= 25 || s.Value <= 16);
        var alertOrWorse = inside.Count(s => Rest(s.At) ? s.Value >= 22 || s.Value <= 18.5 : s.Value >= 23 || s.Value <= 18);
        var temperature = Temperature(report);
        Assert.Equal(inside.Count, temperature.Samples);
        Assert.Equal(inside.Min(s => s.Value), temperature.Min);
        Assert.Equal(inside.Max(s => s.Value), temperature.Max);
        Assert.Equal(inside.Average(s => s.Value), temperature.Mean!.Value, 9);
        Assert.Equal(action, temperature.ActionSamples);
        Assert.Equal(alertOrWorse - action, temperature.AlertSamples);
        var interval = Assert.Single(report.Completeness, c => c.Sensor == "th1").Interval;   // the configured one, not the test's step
        Assert.Equal(interval * (alertOrWorse - action), temperature.TimeInAlert);
        Assert.Equal(interval * action, temperature.TimeInAction);
        Assert.True(action > 0 && alertOrWorse > action, "the data reaches both bands");
    }

    /// <summary>Every figure equal; the mean up to the order of floating-point summation (hourly sums added up).</summary>
    private static void AssertSameFigures(BatchReport expected, BatchReport actual)
    {
        Assert.Equal(expected.Statistics.Count, actual.Statistics.Count);
        foreach (var (e, a) in expected.Statistics.Zip(actual.Statistics))
        {
            // The chart's buckets differ by design (roll-up hours against raw-range steps); they add up to the same figures.
            Assert.Equal(e with { Mean = null, Buckets = [] }, a with { Mean = null, Buckets = [] });
            Assert.Equal(e.Buckets.Sum(b => b.Count), a.Buckets.Sum(b => b.Count));
            Assert.Equal(e.Mean is null, a.Mean is null);
            if (e.Mean is { } x && a.Mean is { } y)
            {
                Assert.True(Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x)), $"{e.Sensor}/{e.Parameter} mean {x:R} vs {y:R}");
            }
        }
        Assert.Equal(expected.Completeness, actual.Completeness);
        Assert.Equal(expected.Limits, actual.Limits);
    }

    /// <summary>The same report with every figure aggregated from raw points (the reference).</summary>
    private BatchReportBuilder RawBuilder()
    {
        var services = _rig.App.Services;
        var options = Options.Create(new ReportOptions { UseRollups = false });
        var records = services.GetRequiredService<IRecordStore>();
        var aggregates = new ReadingAggregates(_rig.InfluxClient, _rig.Facility, services.GetRequiredService<HourlyRollups>(), options);
        return new BatchReportBuilder(_rig.Facility, records, services.GetRequiredService<CleanroomMonitor.Core.Notifications.INotificationRecords>(), new ReportFigures(_rig.Facility, records, aggregates, options), TimeProvider.System,
            services.GetRequiredService<ILogger<BatchReportBuilder>>());
    }

    private static Task AddStateAsync(IRecordStore records, RoomState state, DateTimeOffset at) =>
        records.AddRoomStateChangeAsync(new RoomStateChange(new RoomId("cr1"), state, at, "test: " + state, "test"),
            new AuditEntry(at, "test", "Operator", "room.state-changed", "room", "cr1", null, state.ToString(), "test"), CancellationToken.None);
}
