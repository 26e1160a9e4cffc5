using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Mqtt.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Excursions;

public sealed class ExcursionEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private MonitorRig _rig = null!;
    private MqttClient _alerts = null!;

    public async Task InitializeAsync()
    {
        _rig = await MonitorRig.StartAsync();
        _alerts = new MqttClient(new MqttClientOptions { Port = _rig.Broker.Port, ClientId = "itest-alerts", CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        _alerts.Subscribe("cleanroom/itest/alerts/#", 1);
        _alerts.Start();
        await _alerts.WaitUntilConnectedAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _alerts.DisposeAsync();
        await _rig.DisposeAsync();
    }

    private async Task<JsonElement> NextAlertAsync(string action)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var message = await _alerts.Messages.ReadAsync(timeout.Token);
            var json = JsonDocument.Parse(message.Payload).RootElement.Clone();
            if (json.GetProperty("action").GetString() == action)
            {
                Assert.True(message.Retain || message.Topic.Length > 0);
                return json;
            }
        }
    }

    private Task PublishTemperatureAsync(double value) =>
        _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{_rig.NextInstant():O}}}","values":{"temperature":{{{value}}}}}""");

    private async Task<Excursion> StoredAsync(Guid id) =>
        (await _rig.Http.GetFromJsonAsync<Excursion>(new Uri($"/api/excursions/{id}", UriKind.Relative), Json))!;

    private static readonly JsonSerializerOptions Json = MonitorRig.Json;

    [Fact]
    public async Task Breach_DuringBatch_AlertOnTopicRecordInSqliteEventInInflux()
    {
        var started = await _rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number = "CAR-T-0042", product = "CAR-T", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open", by = "mes-test" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);

        await PublishTemperatureAsync(24.2);

        var alert = await NextAlertAsync("raised");
        Assert.Equal("Temperature", alert.GetProperty("kind").GetString());
        Assert.Equal("Alert", alert.GetProperty("level").GetString());
        Assert.Equal("InOperation", alert.GetProperty("roomState").GetString());
        Assert.Equal(23, alert.GetProperty("limit").GetDouble());
        Assert.Equal("CAR-T-0042", alert.GetProperty("batches")[0].GetString());
        var id = alert.GetProperty("id").GetGuid();

        var stored = await StoredAsync(id);
        Assert.Equal(ExcursionStatus.Unacknowledged, stored.Status);
        Assert.Equal(["CAR-T-0042"], stored.Batches);
        Assert.NotNull(stored.LimitsVersion);

        await MonitorRig.WaitUntilAsync(async ct =>
            (await _rig.InfluxClient.QueryAsync("SELECT \"id\" FROM \"excursion\" WHERE \"action\" = 'raised'", ct)).Series is [var series]
            && series.Get(0, "id").GetString() == id.ToString(), Patience, "the excursion event point in InfluxDB");

        var audit = await _rig.Http.GetStringAsync(new Uri($"/api/audit?entity={id}", UriKind.Relative));
        Assert.Contains("excursion.raised", audit, StringComparison.Ordinal);
        var verification = await _rig.Http.GetStringAsync(new Uri("/api/audit/verify", UriKind.Relative));
        Assert.Contains("\"isIntact\":true", verification, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LateReading_StampedInsideAnEndedBatch_ExcursionAtItsTimeLinkedToThatBatchAndFoundLate()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var started = await _rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number = "CAR-T-0050", product = "CAR-T", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open", startedAt = now.AddMinutes(-10),
                reason = "entered after the fact" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var ended = await _rig.Http.PostAsJsonAsync(new Uri("/api/batches/CAR-T-0050/end", UriKind.Relative),
            new { endedAt = now.AddMinutes(-2), reason = "entered after the fact" });
        Assert.True(ended.IsSuccessStatusCode, await ended.Content.ReadAsStringAsync());
        var stampedAt = now.AddMinutes(-5);

        // A plain MQTT reading of the batch's time, past the 25 °C action limit, delivered after the batch ended.
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{stampedAt:O}}}","values":{"temperature":26.5}}""");

        Excursion? late = null;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            var list = await _rig.Http.GetFromJsonAsync<List<Excursion>>(new Uri("/api/excursions?sensor=th1", UriKind.Relative), Json, ct);
            late = list!.FirstOrDefault(e => e.Kind == ExcursionKind.Temperature);
            return late is not null;
        }, Patience, "a temperature excursion on th1");
        Assert.Equal(stampedAt, late!.StartedAt);
        Assert.Equal(LimitLevel.Action, late.Level);
        Assert.Equal(["CAR-T-0050"], late.Batches);
        Assert.True(late.FoundLate);
        Assert.False(late.FromHistoricalData);
    }

    [Fact]
    public async Task Excursion_SignedAcknowledgementAndQaClosure_SequenceEnforced()
    {
        using var op = await _rig.SignInAsync("op");
        using var qa = await _rig.SignInAsync("qa");
        await PublishTemperatureAsync(26);
        var id = (await NextAlertAsync("raised")).GetProperty("id").GetGuid();

        var closeEarly = await qa.PostAsJsonAsync(new Uri($"/api/excursions/{id}/close", UriKind.Relative),
            new { userName = "qa", password = MonitorRig.Password, deviation = "DEV-1", comment = "closing" });
        Assert.Equal(HttpStatusCode.Conflict, closeEarly.StatusCode);

        var ack = await op.PostAsJsonAsync(new Uri($"/api/excursions/{id}/acknowledge", UriKind.Relative),
            new { userName = "op", password = MonitorRig.Password, cause = "HVAC or filter", comment = "HVAC checked", immediateAction = "filter fan restarted" });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        await NextAlertAsync("acknowledged");
        await PublishTemperatureAsync(21);
        Assert.Equal("ReturnedToNormal", (await NextAlertAsync("returned")).GetProperty("status").GetString());

        var close = await qa.PostAsJsonAsync(new Uri($"/api/excursions/{id}/close", UriKind.Relative),
            new { userName = "qa", password = MonitorRig.Password, deviation = "DEV-2026-117", comment = "no product impact", capa = "CAPA-9" });
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        var closed = await StoredAsync(id);
        Assert.Equal(ExcursionStatus.Closed, closed.Status);
        Assert.Equal(26, closed.PeakValue);
        Assert.Equal(["raised", "acknowledged", "returned", "closed"], closed.History.Select(h => h.What));
        Assert.Equal("Test op", closed.Acknowledgement!.Signature.PrintedName);
        Assert.Equal("acknowledged", closed.Acknowledgement.Signature.Meaning);
        Assert.Equal("HVAC or filter", closed.Acknowledgement.Cause);
        Assert.Equal("Test qa", closed.Closure!.Signature.PrintedName);
        Assert.Equal("reviewed and closed", closed.Closure.Signature.Meaning);
        Assert.Equal("DEV-2026-117", closed.Closure.Deviation);
    }

    [Fact]
    public async Task MesMessage_StartsBatchAndBadMessagesAreRefused()
    {
        await _rig.PublishAsync("cleanroom/itest/mes/batches", $$"""{"action":"start","number":"MSC-7","product":"MSC","tenant":"cellco","rooms":["cr1"],"process":"closed","token":"{{MonitorRig.MesToken}}"}""");
        await _rig.PublishAsync("cleanroom/itest/mes/batches", $$"""{"action":"start","number":"MSC-8","product":"MSC","tenant":"cellco","rooms":["nowhere"],"process":"closed","token":"{{MonitorRig.MesToken}}"}""");
        await _rig.PublishAsync("cleanroom/itest/mes/batches", """{"action":"launch"}""");

        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetAsync(new Uri("/api/batches/MSC-7", UriKind.Relative), ct)).IsSuccessStatusCode,
            Patience, "batch MSC-7 to exist");
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.IngestStatusAsync(ct)).Rejections.Any(r => r.Reason == "MalformedPayload"),
            Patience, "the malformed MES message to be counted");
        Assert.Equal(HttpStatusCode.NotFound, (await _rig.Http.GetAsync(new Uri("/api/batches/MSC-8", UriKind.Relative))).StatusCode);
        var rooms = await _rig.Http.GetStringAsync(new Uri("/api/rooms", UriKind.Relative));
        Assert.Contains("\"state\":\"InOperation\"", rooms, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchApi_BadRequests_GiveClearStatusesAndChangeNothing()
    {
        var unknownRoom = await _rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number = "X-1", product = "P", tenant = "T", rooms = new[] { "cr9" }, process = "open" });
        var ok = await _rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number = "X-2", product = "P", tenant = "T", rooms = new[] { "cr1" }, process = "open" });
        var duplicate = await _rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number = "X-2", product = "P", tenant = "T", rooms = new[] { "cr1" }, process = "open" });
        var endUnknown = await _rig.Http.PostAsync(new Uri("/api/batches/X-9/end", UriKind.Relative), null);
        var endBeforeStart = await _rig.Http.PostAsJsonAsync(new Uri("/api/batches/X-2/end", UriKind.Relative), new { endedAt = DateTimeOffset.UtcNow.AddDays(-1) });
        var malformed = await _rig.Http.PostAsync(new Uri("/api/batches", UriKind.Relative), new StringContent("{nope", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, unknownRoom.StatusCode);
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, endUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, endBeforeStart.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var batches = await _rig.Http.GetStringAsync(new Uri("/api/batches", UriKind.Relative));
        Assert.DoesNotContain("X-1", batches, StringComparison.Ordinal);
        Assert.Contains("\"endedAt\":null", batches, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceRestart_OpenExcursion_ContinuesWithoutDuplicateAndReturnsTheOriginal()
    {
        await PublishTemperatureAsync(24);
        var id = (await NextAlertAsync("raised")).GetProperty("id").GetGuid();

        await _rig.StopServiceAsync();
        await _rig.StartServiceAsync();
        await PublishTemperatureAsync(24.5);
        await PublishTemperatureAsync(20);

        var returned = await NextAlertAsync("returned");
        Assert.Equal(id, returned.GetProperty("id").GetGuid());
        var all = await _rig.Http.GetFromJsonAsync<List<Excursion>>(new Uri("/api/excursions?sensor=th1", UriKind.Relative), Json);
        Assert.Single(all!, e => e.Kind == ExcursionKind.Temperature);
    }
}
