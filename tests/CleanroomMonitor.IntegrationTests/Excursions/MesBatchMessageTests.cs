using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Mqtt.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanroomMonitor.IntegrationTests.Excursions;

/// <summary>Issue 19 item 1: a MES batch message through the real broker is as accountable as an API call.</summary>
public sealed class MesBatchMessageTests : IAsyncLifetime
{
    private const string BatchTopic = "cleanroom/itest/mes/batches";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private MonitorRig _rig = null!;
    private MqttClient _replies = null!;

    public async Task InitializeAsync()
    {
        _rig = await MonitorRig.StartAsync();
        _replies = new MqttClient(new MqttClientOptions { Port = _rig.Broker.Port, ClientId = "itest-mes-replies", CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        _replies.Subscribe(BatchTopic + "/replies", 1);
        _replies.Start();
        await _replies.WaitUntilConnectedAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _replies.DisposeAsync();
        await _rig.DisposeAsync();
    }

    private async Task<JsonElement> ReplyForAsync(string number)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var message = await _replies.Messages.ReadAsync(timeout.Token);
            var json = JsonDocument.Parse(message.Payload).RootElement.Clone();
            if (json.GetProperty("number").GetString() == number)
            {
                return json;
            }
        }
    }

    private static string Start(string number, string tenant, string? token, DateTimeOffset? at = null) =>
        JsonSerializer.Serialize(new { action = "start", number, product = "MSC", tenant, rooms = new[] { "cr1" }, process = "closed", at, by = "qa", token });

    private async Task AssertRefusedAsync(string number, string expected)
    {
        var reply = await ReplyForAsync(number);

        Assert.False(reply.GetProperty("accepted").GetBoolean());
        Assert.Contains(expected, reply.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _rig.Http.GetAsync(new Uri($"/api/batches/{number}", UriKind.Relative))).StatusCode);
        Assert.Contains((await _rig.IngestStatusAsync()).Rejections, r => r.Reason == "BatchRefused");
    }

    [Fact]
    public async Task BatchMessage_WithoutToken_RefusedWithReplyAndCounted()
    {
        await _rig.PublishAsync(BatchTopic, Start("MES-NOAUTH", "cellco", token: null));

        await AssertRefusedAsync("MES-NOAUTH", "token");
    }

    [Fact]
    public async Task BatchMessage_UnknownToken_Refused()
    {
        await _rig.PublishAsync(BatchTopic, Start("MES-BADTOKEN", "cellco", token: "crm_not-a-token"));

        await AssertRefusedAsync("MES-BADTOKEN", "token");
    }

    [Fact]
    public async Task BatchMessage_RoomLeasedToAnotherTenant_RefusedAsTheApiWould()
    {
        using var admin = await _rig.SignInAsync("admin");
        var lease = await admin.PostAsJsonAsync(new Uri("/api/admin/leases", UriKind.Relative),
            new { room = "cr1", tenant = "helix-bio", from = DateTimeOffset.UtcNow.AddDays(-1), reason = "suite rented" });
        Assert.Equal(HttpStatusCode.Created, lease.StatusCode);

        await _rig.PublishAsync(BatchTopic, Start("MES-WRONGTENANT", "cellco", MonitorRig.MesToken));

        await AssertRefusedAsync("MES-WRONGTENANT", "leased to helix-bio");
    }

    [Fact]
    public async Task BatchMessage_StartBackDatedBeyondTolerance_Refused()
    {
        await _rig.PublishAsync(BatchTopic, Start("MES-BACKDATED", "cellco", MonitorRig.MesToken, DateTimeOffset.UtcNow.AddHours(-3)));

        await AssertRefusedAsync("MES-BACKDATED", "back-dated");
    }

    [Fact]
    public async Task BatchMessage_ValidToken_AuditActorIsTheServiceAccountAndReportedByKept()
    {
        await _rig.PublishAsync(BatchTopic, Start("MES-OK", "cellco", MonitorRig.MesToken, DateTimeOffset.UtcNow.AddMinutes(-1)));

        var reply = await ReplyForAsync("MES-OK");
        Assert.True(reply.GetProperty("accepted").GetBoolean());
        var audit = await _rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit?entity=MES-OK", UriKind.Relative));
        var started = audit.EnumerateArray().Select(e => e.GetProperty("entry")).Single(e => e.GetProperty("action").GetString() == "batch.started");
        Assert.Equal("token:mes-line", started.GetProperty("user").GetString());
        Assert.Contains("reported by 'qa'", started.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var batch = await _rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/batches/MES-OK", UriKind.Relative));
        Assert.Equal("token:mes-line", batch.GetProperty("startedBy").GetString());
    }
}
