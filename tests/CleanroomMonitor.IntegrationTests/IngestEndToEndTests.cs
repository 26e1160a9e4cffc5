using System.Globalization;
using System.Net.Http.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Mqtt.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests;

public sealed class IngestEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static string Ts(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Publish_NReadings_ExactlyNPointsInInflux()
    {
        const int perSensor = 250;
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var sends = new List<Task>();
        for (var i = 0; i < perSensor; i++)
        {
            var ts = Ts(start.AddMilliseconds(i * 10));
            sends.Add(_rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{ts}}}","seq":{{{i}}},"values":{"temperature":20.{{{i % 10}}},"relative_humidity":45}}"""));
            sends.Add(_rig.PublishAsync(MonitorRig.Topic("cr1", "dp1"), $$$"""{"ts":"{{{ts}}}","values":{"differential_pressure":{{{12 + i % 5}}}}}"""));
            sends.Add(_rig.PublishAsync("legacy/gateway 7/th2", $$$"""{"ts":"{{{ts}}}","values":{"temperature":"19.5"}}"""));
        }
        await Task.WhenAll(sends);

        // th1 carries two parameters: 4 readings per round.
        await _rig.WaitForPointsAsync(perSensor * 4, Patience);
        Assert.Equal(perSensor * 4, await _rig.CountPointsAsync());
        Assert.Equal(perSensor, await _rig.CountPointsAsync("WHERE \"sensor\" = 'th2'"));
        var status = await _rig.IngestStatusAsync();
        Assert.Equal(perSensor * 4, status.Accepted);
        Assert.Equal(0, status.Rejected);
    }

    [Fact]
    public async Task Publish_ParticleReading_StoredWithTagsFieldsAndDeviceTimestamp()
    {
        var ts = new DateTimeOffset(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, DateTimeOffset.UtcNow.Day, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(123);
        ts = ts > DateTimeOffset.UtcNow ? ts.AddDays(-1) : ts;

        await _rig.PublishAsync(MonitorRig.Topic("cr1", "pc1"), $$$"""
            {"sensor":"pc1","ts":"{{{Ts(ts)}}}","seq":7,"counts":{"particles_0_5um":120,"particles_5_0um":2},"volume_l":28.3,"faults":["flow"]}
            """);

        await _rig.WaitForPointsAsync(2, Patience);
        var result = await _rig.InfluxClient.QueryAsync(
            "SELECT \"value\", \"count\", \"volume_l\", \"faults\", \"seq\", \"grade\", \"room\", \"site\" FROM \"reading\" WHERE \"parameter\" = 'particles_5_0um'", default);
        var series = Assert.Single(result.Series);
        Assert.Single(series.Values);
        Assert.Equal(ts.ToUnixTimeMilliseconds(), series.Get(0, "time").GetInt64());
        Assert.Equal(2 * 1000 / 28.3, series.Get(0, "value").GetDouble(), 9);
        Assert.Equal(2, series.Get(0, "count").GetInt64());
        Assert.Equal(28.3, series.Get(0, "volume_l").GetDouble());
        Assert.Equal(2, series.Get(0, "faults").GetInt64());   // SampleFaults.Flow
        Assert.Equal(7, series.Get(0, "seq").GetInt64());
        Assert.Equal("A", series.Get(0, "grade").GetString());   // the BSC zone's grade, not the room's B
        Assert.Equal("cr1", series.Get(0, "room").GetString());
        Assert.Equal("itest", series.Get(0, "site").GetString());
    }

    [Fact]
    public async Task Publish_InvertedCumulativeCounts_StoredFlaggedAndRaisesSensorFault()
    {
        var ts = DateTimeOffset.UtcNow.AddSeconds(-5);

        await _rig.PublishAsync(MonitorRig.Topic("cr1", "pc1"), $$$"""
            {"sensor":"pc1","ts":"{{{Ts(ts)}}}","seq":1,"counts":{"particles_0_5um":10,"particles_5_0um":11},"volume_l":28.3}
            """);

        await _rig.WaitForPointsAsync(2, Patience);
        Assert.Equal(2, await _rig.CountPointsAsync("WHERE \"sensor\" = 'pc1' AND \"faults\" = 256"));   // SampleFaults.InconsistentCounts
        await MonitorRig.WaitUntilAsync(async ct => (await ExcursionsAsync("pc1", ct)).Any(e => e.Kind == ExcursionKind.SensorFault), Patience,
            "a sensor-fault excursion for the counter");
        var fault = (await ExcursionsAsync("pc1")).Single(e => e.Kind == ExcursionKind.SensorFault);
        Assert.Contains("inconsistent cumulative counts", fault.Rule, StringComparison.Ordinal);
        Assert.DoesNotContain(await ExcursionsAsync("pc1"), e => e.Kind == ExcursionKind.Particles);
    }

    private async Task<List<Excursion>> ExcursionsAsync(string sensor, CancellationToken cancellationToken = default) =>
        (await _rig.Http.GetFromJsonAsync<List<Excursion>>(new Uri($"/api/excursions?sensor={sensor}", UriKind.Relative), MonitorRig.Json, cancellationToken))!;

    [Fact]
    public async Task Publish_WithoutTimestamp_StoredAtReceiveTimeAndMarked()
    {
        var before = DateTimeOffset.UtcNow;

        await _rig.PublishAsync(MonitorRig.Topic("cr1", "dp1"), """{"values":{"differential_pressure":14.5}}""");

        await _rig.WaitForPointsAsync(1, Patience);
        var series = Assert.Single((await _rig.InfluxClient.QueryAsync("SELECT \"value\", \"receiver_time\" FROM \"reading\"", default)).Series);
        Assert.True(series.Get(0, "receiver_time").GetBoolean());
        Assert.InRange(series.Get(0, "time").GetInt64(), before.ToUnixTimeMilliseconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Publish_EveryKindOfBadInput_RejectedCountedPerReasonNothingStoredAndEveryMessageAcknowledged()
    {
        var now = DateTimeOffset.UtcNow;
        var bad = new (string Topic, string Payload, RejectionReason Reason)[]
        {
            (MonitorRig.Topic("cr1", "th1"), "{\"values\":{\"temperature\":21", RejectionReason.MalformedPayload),
            (MonitorRig.Topic("cr1", "th1"), "{\"values\":{\"temperature\":\"" + new string('9', 70_000) + "\"}}", RejectionReason.OversizePayload),
            (MonitorRig.Topic("cr1", "ghost"), """{"values":{"temperature":21}}""", RejectionReason.UnknownTopic),
            ("cleanroom/itest/cr1", """{"values":{"temperature":21}}""", RejectionReason.UnknownTopic),
            (MonitorRig.Topic("cr1", "th1"), """{"sensor":"th9","values":{"temperature":21}}""", RejectionReason.UnknownSensor),
            (MonitorRig.Topic("cr1", "th1"), """{"values":{"co2":5}}""", RejectionReason.UnknownParameter),
            (MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":true}}""", RejectionReason.WrongType),
            (MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":"NaN"}}""", RejectionReason.NotFinite),
            (MonitorRig.Topic("cr1", "pc1"), """{"counts":{"particles_0_5um":-3},"volume_l":28.3}""", RejectionReason.NegativeCount),
            (MonitorRig.Topic("cr1", "pc1"), """{"counts":{"particles_0_5um":3}}""", RejectionReason.InvalidVolume),
            (MonitorRig.Topic("cr1", "th1"), """{"values":{"relative_humidity":150}}""", RejectionReason.OutOfRange),
            (MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{Ts(now.AddHours(1))}}}","values":{"temperature":21}}""", RejectionReason.TimestampInFuture),
            (MonitorRig.Topic("cr1", "th1"), """{"ts":"1970-01-01T00:00:00Z","values":{"temperature":21}}""", RejectionReason.TimestampTooOld),
            (MonitorRig.Topic("cr1", "th1"), "{}", RejectionReason.Empty),
        };
        foreach (var (topic, payload, _) in bad)
        {
            await _rig.PublishAsync(topic, payload);
        }
        // One good reading after the bad ones proves the service is still ingesting, and orders the check.
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":21}}""");

        await _rig.WaitForPointsAsync(1, Patience);
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.IngestStatusAsync(ct)).Rejected >= bad.Length, Patience, "every rejection counted");
        var status = await _rig.IngestStatusAsync();
        foreach (var group in bad.GroupBy(b => b.Reason))
        {
            Assert.Equal(group.Count(), status.Rejections.Single(r => r.Reason == group.Key.ToString()).Count);
        }
        Assert.Equal(bad.Length, status.Rejected);
        Assert.Equal(1, status.Accepted);
        Assert.Equal(1, await _rig.CountPointsAsync());
        // A refused message is acknowledged too (else the broker would send it again for ever), and in order: one left
        // unacknowledged would hold back the PUBACK of every message after it, the good one included.
        var client = _rig.App.Services.GetRequiredService<MqttClient>();
        await MonitorRig.WaitUntilAsync(_ => Task.FromResult(client.PendingAcknowledgements == 0), Patience, "every message acknowledged to the broker");
    }

    [Fact]
    public async Task BrokerRestart_MidRun_ServiceReconnectsAndNothingIsLost()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        for (var i = 0; i < 100; i++)
        {
            await _rig.PublishAsync(MonitorRig.Topic("cr1", "dp1"), $$$"""{"ts":"{{{Ts(start.AddMilliseconds(i))}}}","values":{"differential_pressure":15}}""");
        }
        await _rig.WaitForPointsAsync(100, Patience);

        await _rig.Broker.RestartAsync();
        var during = new List<Task>();
        for (var i = 100; i < 200; i++)
        {
            // Sent while the service may not have reconnected yet: its persistent session on the broker queues them.
            during.Add(_rig.PublishAsync(MonitorRig.Topic("cr1", "dp1"), $$$"""{"ts":"{{{Ts(start.AddMilliseconds(i))}}}","values":{"differential_pressure":15}}"""));
        }
        await Task.WhenAll(during);

        await _rig.WaitForPointsAsync(200, Patience);
        Assert.Equal(200, await _rig.CountPointsAsync());
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetAsync(new Uri("/readyz", UriKind.Relative), ct)).IsSuccessStatusCode,
            Patience, "ready again after the broker restart");
    }

    [Fact]
    public async Task HealthEndpoints_WhenConnected_AnswerOk()
    {
        var health = await _rig.Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await _rig.Http.GetStringAsync(new Uri("/readyz", UriKind.Relative));

        Assert.True(health.IsSuccessStatusCode);
        Assert.Contains("\"mqtt\"", ready, StringComparison.Ordinal);
        Assert.Contains("\"influx\"", ready, StringComparison.Ordinal);
        Assert.Contains("Healthy", ready, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokerDown_ReadyzReportsUnavailable()
    {
        await _rig.Broker.StopAsync();

        await MonitorRig.WaitUntilAsync(async ct => !(await _rig.Http.GetAsync(new Uri("/readyz", UriKind.Relative), ct)).IsSuccessStatusCode,
            Patience, "readyz to report the broker down");
        Assert.True((await _rig.Http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode);
    }
}
