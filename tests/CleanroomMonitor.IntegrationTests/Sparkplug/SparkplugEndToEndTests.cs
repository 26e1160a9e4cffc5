using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Mqtt.Sparkplug;
using CleanroomMonitor.Service.Api;

namespace CleanroomMonitor.IntegrationTests.Sparkplug;

public sealed class SparkplugEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private SparkplugRig _rig = null!;

    private MonitorRig Monitor => _rig.Monitor;

    public async Task InitializeAsync() => _rig = await SparkplugRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private async Task<List<Excursion>> ExcursionsAsync(string sensor, CancellationToken cancellationToken = default) =>
        (await Monitor.Http.GetFromJsonAsync<List<Excursion>>(new Uri($"/api/excursions?sensor={sensor}", UriKind.Relative), MonitorRig.Json, cancellationToken))!;

    [Fact]
    public async Task BirthAndData_StoredInInfluxAndOnTheLiveBoardLikeJsonSensors()
    {
        const int rounds = 50;
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        await _rig.Node.ConnectAsync(default);

        for (var i = 0; i < rounds; i++)
        {
            await _rig.Node.PublishAsync(_rig.Climate(start.AddSeconds(i), 20 + i % 10 / 10.0), default);
            await _rig.Node.PublishAsync(_rig.Particles(start.AddSeconds(i), 100 + i, 2), default);
        }

        await Monitor.WaitForPointsAsync(rounds * 4, Patience, "WHERE \"sensor\" =~ /^sp-/");
        Assert.Equal(rounds * 2, await Monitor.CountPointsAsync("WHERE \"sensor\" = 'sp-pc'"));
        var series = Assert.Single((await Monitor.InfluxClient.QueryAsync(
            "SELECT \"value\", \"count\", \"volume_l\", \"grade\" FROM \"reading\" WHERE \"sensor\" = 'sp-pc' AND \"parameter\" = 'particles_0_5um' LIMIT 1", default)).Series);
        Assert.Equal(start.ToUnixTimeMilliseconds(), series.Get(0, "time").GetInt64());
        Assert.Equal(100 * 1000 / 28.3, series.Get(0, "value").GetDouble(), 6);
        Assert.Equal(100, series.Get(0, "count").GetInt64());
        Assert.Equal("A", series.Get(0, "grade").GetString());
        var latest = await Monitor.Http.GetFromJsonAsync<List<LatestReading>>(new Uri("/api/readings/latest?room=cr1", UriKind.Relative));
        Assert.Equal(20.9, latest!.Single(r => r.Sensor == "sp-th" && r.Parameter == "temperature").Value, 6);
        Assert.Equal(0, (await Monitor.IngestStatusAsync()).Rejected);
    }

    [Fact]
    public async Task Data_InvertedCumulativeCounts_StoredFlaggedAndRaisesSensorFault()
    {
        await _rig.Node.ConnectAsync(default);

        await _rig.Node.PublishAsync(_rig.Particles(DateTimeOffset.UtcNow.AddSeconds(-5), half: 10, five: 11), default);

        await Monitor.WaitForPointsAsync(2, Patience, "WHERE \"sensor\" = 'sp-pc'");
        Assert.Equal(2, await Monitor.CountPointsAsync("WHERE \"sensor\" = 'sp-pc' AND \"faults\" = 256"));   // SampleFaults.InconsistentCounts
        await MonitorRig.WaitUntilAsync(async ct => (await ExcursionsAsync("sp-pc", ct)).Any(e => e.Kind == ExcursionKind.SensorFault), Patience,
            "a sensor-fault excursion for the counter");
        Assert.Contains("inconsistent cumulative counts", (await ExcursionsAsync("sp-pc")).Single(e => e.Kind == ExcursionKind.SensorFault).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_PublishesRetainedOnlineState()
    {
        await using var observer = await _rig.ObserveAsync(SparkplugTopic.StateTopic(SparkplugRig.HostId));

        using var timeout = new CancellationTokenSource(Patience);
        var message = await observer.Messages.ReadAsync(timeout.Token);

        Assert.True(message.Retain);
        Assert.True(SparkplugHostState.TryParse(message.Payload.Span, out var state));
        Assert.True(state.Online);
    }

    [Fact]
    public async Task NodeDeath_CommunicationLossExcursionForItsSensors_ClosedByTheNextBirth()
    {
        await _rig.Node.ConnectAsync(default);
        await _rig.Node.PublishAsync(_rig.Climate(DateTimeOffset.UtcNow, 21), default);
        await Monitor.WaitForPointsAsync(2, Patience, "WHERE \"sensor\" = 'sp-th'");

        await _rig.Node.DieAsync();   // the broker publishes the NDEATH will, bdSeq 0

        await MonitorRig.WaitUntilAsync(async ct => (await ExcursionsAsync("sp-pc", ct)).Any(e => e.Kind == ExcursionKind.CommunicationLoss), Patience,
            "a communication-loss excursion for the device's counter too");
        var loss = (await ExcursionsAsync("sp-th")).Single(e => e.Kind == ExcursionKind.CommunicationLoss);
        Assert.Contains("NDEATH, bdSeq 0", loss.Rule, StringComparison.Ordinal);
        Assert.Null(loss.EndedAt);

        await _rig.Node.ConnectAsync(default);   // NBIRTH with bdSeq 1

        await MonitorRig.WaitUntilAsync(async ct => (await ExcursionsAsync("sp-th", ct)).Single(e => e.Kind == ExcursionKind.CommunicationLoss).EndedAt is not null,
            Patience, "the birth to end the communication loss");
    }

    [Fact]
    public async Task SeqGap_RebirthCommandOnTheBrokerAndADataGapRecord()
    {
        await using var commands = await _rig.ObserveAsync("spBv1.0/itest/NCMD/gw1");
        await _rig.Node.ConnectAsync(default);
        var now = DateTimeOffset.UtcNow;
        await _rig.Node.PublishAsync(_rig.Climate(now.AddSeconds(-1), 21), default);

        _rig.Node.SkipSequence(4);
        await _rig.Node.PublishAsync(_rig.Climate(now, 21.2), default);

        using var timeout = new CancellationTokenSource(Patience);
        var command = await commands.Messages.ReadAsync(timeout.Token);
        Assert.True(SparkplugPayloadDecoder.TryDecode(command.Payload, out var payload, out _));
        var rebirth = Assert.Single(payload.Metrics);
        Assert.Equal(RebirthRequest.MetricName, rebirth.Name);
        Assert.True(rebirth.Value.Boolean);
        await MonitorRig.WaitUntilAsync(async ct => (await ExcursionsAsync("sp-th", ct))
            .Any(e => e.Kind == ExcursionKind.DataGap && e.Rule.Contains("4 message(s) missing", StringComparison.Ordinal) && e.EndedAt is not null),
            Patience, "a data-gap record naming the missing messages");
        await MonitorRig.WaitUntilAsync(_ => Task.FromResult(_rig.Node.RebirthRequests == 1), Patience, "the node to answer the rebirth request");
        await Monitor.WaitForPointsAsync(4, Patience, "WHERE \"sensor\" = 'sp-th'");   // the message after the gap is kept
    }

    [Fact]
    public async Task HistoricalReplay_StoredWithOriginalTimestampsAndNotShownLive()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-20);
        await _rig.Node.ConnectAsync(default);
        // Ten minutes at 21 °C buffered by the node while the host was away.
        var history = Enumerable.Range(0, 60).Select(i => _rig.Climate(start.AddSeconds(10 * i), 21)).ToList();

        await _rig.Node.ReplayAsync(history, default);
        await _rig.Node.PublishAsync(_rig.Climate(DateTimeOffset.UtcNow, 22), default);

        await Monitor.WaitForPointsAsync(122, Patience, "WHERE \"sensor\" = 'sp-th'");
        var stored = Assert.Single((await Monitor.InfluxClient.QueryAsync(
            "SELECT \"value\", \"historical\" FROM \"reading\" WHERE \"sensor\" = 'sp-th' AND \"parameter\" = 'temperature'", default)).Series);
        Assert.Equal(history.Select(h => h.Timestamp.ToUnixTimeMilliseconds()), Enumerable.Range(0, 60).Select(i => stored.Get(i, "time").GetInt64()));
        Assert.All(Enumerable.Range(0, 60), i => Assert.True(stored.Get(i, "historical").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, stored.Get(60, "historical").ValueKind);
        var latest = await Monitor.Http.GetFromJsonAsync<List<LatestReading>>(new Uri("/api/readings/latest?room=cr1", UriKind.Relative));
        Assert.Equal(22, latest!.Single(r => r.Sensor == "sp-th" && r.Parameter == "temperature").Value);
    }

    [Fact]
    public async Task HistoricalReplay_BreachAfterRebirth_ExcursionAtTheHistoricalTimeApartFromTheLiveStream()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-20).ToUnixTimeMilliseconds());
        await _rig.Node.ConnectAsync(default);
        await _rig.Node.PublishAsync(_rig.Climate(Monitor.NextInstant(), 21), default);
        // The node is asked to rebirth (a seq gap), then replays what it buffered: ten minutes at 30 °C, far past the
        // room's 25 °C action limit, back at 21 °C at the last buffered sample. The live stream stays at 21 °C.
        _rig.Node.SkipSequence();
        await _rig.Node.PublishAsync(_rig.Climate(Monitor.NextInstant(), 21), default);
        await MonitorRig.WaitUntilAsync(_ => Task.FromResult(_rig.Node.RebirthRequests == 1), Patience, "the node to answer the rebirth request");
        var history = Enumerable.Range(0, 60).Select(i => _rig.Climate(start.AddSeconds(10 * i), i < 59 ? 30 : 21)).ToList();
        await using var alerts = await _rig.ObserveAsync("cleanroom/itest/alerts/cr1/sp-th/#");

        await _rig.Node.ReplayAsync(history, default);

        Excursion? found = null;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            found = (await ExcursionsAsync("sp-th", ct)).FirstOrDefault(e => e.Kind == ExcursionKind.Temperature && e.EndedAt is not null);
            return found is not null;
        }, Patience, "a returned temperature excursion on sp-th");
        Assert.True(found!.FromHistoricalData);
        Assert.Equal(start, found.StartedAt);
        Assert.Equal(start.AddSeconds(590), found.EndedAt);
        Assert.Equal(30, found.PeakValue);
        Assert.Single(await ExcursionsAsync("sp-th"), e => e.Kind == ExcursionKind.Temperature);
        // Its alert has a retained topic of its own, so it never overwrites the current state of the live alarm.
        using var timeout = new CancellationTokenSource(Patience);
        MqttMessage alert;
        do
        {
            alert = await alerts.Messages.ReadAsync(timeout.Token);
        }
        while (!alert.Topic.EndsWith("/Temperature/temperature/historical", StringComparison.Ordinal));
        var message = JsonDocument.Parse(alert.Payload).RootElement;
        Assert.Equal(found.Id, message.GetProperty("id").GetGuid());
        Assert.True(message.GetProperty("fromHistoricalData").GetBoolean());
        Assert.False(message.GetProperty("foundLate").GetBoolean());
    }

    [Fact]
    public async Task BadInput_CountedPerReasonAndTheNodeKeepsWorking()
    {
        await Monitor.PublishAsync("spBv1.0/itest/NDATA/gw1", "{\"value\":21}");                 // not protobuf, before any birth
        await Monitor.Publisher.PublishAsync("spBv1.0/itest/NDATA/gw1", SparkplugPayloadEncoder.Encode(
            new SparkplugPayload(1, [new SparkplugMetric(null, 1, Value: SparkplugValue.OfDouble(1))], 1)), 1, false, default);   // DATA before BIRTH
        await Monitor.Publisher.PublishAsync("spBv1.0/itest/NDEATH/gw1", SparkplugPayloadEncoder.Encode(
            new SparkplugPayload(1, [new SparkplugMetric(SparkplugPayload.BirthSequenceMetric, Value: SparkplugValue.OfLong(0))])), 1, false, default);
        await Monitor.PublishAsync("spBv1.0/itest/NDATA/gw9", "x");                               // a node the facility does not map

        await _rig.Node.ConnectAsync(default);
        await _rig.Node.PublishAsync(_rig.Climate(DateTimeOffset.UtcNow, 21), default);

        await Monitor.WaitForPointsAsync(2, Patience, "WHERE \"sensor\" = 'sp-th'");
        var status = await Monitor.IngestStatusAsync();
        Assert.Equal(1, status.Rejections.Single(r => r.Reason == nameof(RejectionReason.MalformedPayload)).Count);
        Assert.Equal(2, status.Rejections.Single(r => r.Reason == nameof(RejectionReason.NotBorn)).Count);
        Assert.Equal(1, status.Rejections.Single(r => r.Reason == nameof(RejectionReason.UnknownTopic)).Count);
    }
}
