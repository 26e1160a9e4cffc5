using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Notifications;
using CleanroomMonitor.Service.Notifications.Channels;
using CleanroomMonitor.TestSupport;
using CleanroomMonitor.TestSupport.Gateway;
using CleanroomMonitor.TestSupport.Smtp;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CleanroomMonitor.IntegrationTests.Notifications;

/// <summary>Notifications to people through real processes: mosquitto, influxd, the service (Program.cs's composition
/// root), a real SMTP server (aiosmtpd) and a real HTTP listener standing for the SMS gateway. A temperature above the
/// action limit is an excursion; the plan's first step tries SMS, then email; an acknowledgement stops the escalation.</summary>
public sealed class NotificationEndToEndTests : IAsyncLifetime
{
    private const string Phone = "+4930120000001";
    private const string Mail = "olu.operator@itest.example";
    private static readonly Uri PublicUrl = new("http://monitor.itest.example/");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Three rooms, one temperature probe each, so each test excursion has a room and sensor of its own.</summary>
    private const string FacilityJson = """
        {
          "site": { "id": "itest", "name": "Integration test site", "timeZone": "Europe/Berlin" },
          "rooms": [
            { "id": "cr1", "name": "Suite 1", "grade": "C", "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } },
            { "id": "cr2", "name": "Suite 2", "grade": "C", "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } },
            { "id": "cr3", "name": "Suite 3", "grade": "C", "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } }
          ],
          "sensors": [
            { "id": "th1", "room": "cr1", "parameters": ["temperature"] },
            { "id": "th2", "room": "cr2", "parameters": ["temperature"] },
            { "id": "th3", "room": "cr3", "parameters": ["temperature"] }
          ]
        }
        """;

    /// <summary>One person with a phone and a mail address; SMS first, email the fallback. The second step and the
    /// reminders are far enough out that only the records, never the clock, decide whether one is still to come.</summary>
    private const string PlanJson = $$"""
        {
          "contacts": [ { "id": "olu", "name": "Olu Operator", "email": "{{Mail}}", "phone": "{{Phone}}", "user": "op" } ],
          "policies": [
            {
              "id": "action",
              "steps": [
                { "after": "0m", "notify": ["olu"], "channels": ["sms", "email"] },
                { "after": "10m", "notify": ["olu"], "channels": ["email"] }
              ],
              "repeatEvery": "10m"
            }
          ],
          "routes": [ { "id": "action-level", "levels": ["action"], "policy": "action" } ]
        }
        """;

    private readonly TempDirectory _directory = new("notify-e2e");
    private SmtpServerProcess _smtp = null!;
    private GatewayReceiver _gateway = null!;
    private MonitorRig _rig = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServerProcess.StartAsync();
        _gateway = await GatewayReceiver.StartAsync();
        var plan = _directory.Combine("notifications.json");
        await File.WriteAllTextAsync(plan, PlanJson);
        _rig = await MonitorRig.StartAsync(FacilityJson, new Dictionary<string, string?>
        {
            ["Notifications:PlanFile"] = plan,
            ["Notifications:PublicUrl"] = PublicUrl.ToString(),
            ["Notifications:Email:Host"] = _smtp.Host,
            ["Notifications:Email:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:From"] = "Cleanroom Monitor <cleanroom@itest.example>",
            ["Notifications:Gateways:sms:Url"] = _gateway.BaseUrl + "messages",
            ["Notifications:Gateways:sms:Body"] = """{"to":"{to}","room":"{room}","text":"{subject} {link}"}""",
            ["Notifications:DeliveryRounds"] = "1",
        });
    }

    public async Task DisposeAsync()
    {
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }
        _directory.Dispose();
    }

    [Fact]
    public async Task ActionExcursion_SmsThenFallbackThenAcknowledged_DeliveredOnceEachAndNoReminder()
    {
        var first = await RaiseAsync("cr1", "th1");
        var sms = await DeliveredAsync(first);

        var request = Assert.Single(_gateway.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/messages", request.RawTarget);
        using (var body = JsonDocument.Parse(request.Body))
        {
            Assert.Equal(Phone, body.RootElement.GetProperty("to").GetString());
            Assert.Equal("cr1", body.RootElement.GetProperty("room").GetString());
            Assert.Contains($"{PublicUrl}excursions/{first:D}", body.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(["sms"], sms.Attempts.Select(a => a.Channel));
        Assert.Empty(_smtp.Received());   // the SMS was taken, so the step ended there: no mail was sent

        _gateway.Status = (int)HttpStatusCode.InternalServerError;
        var second = await RaiseAsync("cr2", "th2");
        var fallback = await DeliveredAsync(second);

        Assert.Equal([("sms", false), ("email", true)], fallback.Attempts.Select(a => (a.Channel, a.Delivered)));
        Assert.StartsWith("HTTP 500", fallback.Attempts[0].Answer, StringComparison.Ordinal);
        Assert.Equal(2, _gateway.Requests.Count);
        var received = Assert.Single(_smtp.Received());
        Assert.Equal([Mail], received.Recipients);
        using (var mail = MimeMessage.Load(new MemoryStream(received.Data)))
        {
            Assert.Equal(second.ToString("D"), mail.Headers[EmailChannel.ExcursionHeader]);
            Assert.Contains("Suite 2", mail.Subject, StringComparison.Ordinal);
            Assert.Contains($"{PublicUrl}excursions/{second:D}", mail.TextBody, StringComparison.Ordinal);
        }

        await AcknowledgeAsync(first);
        await AcknowledgeAsync(second);
        // The dispatcher takes excursion changes one at a time in order: once a later excursion's notification is in the
        // records, both acknowledgements have been applied before it.
        _gateway.Status = (int)HttpStatusCode.Accepted;
        var barrier = await RaiseAsync("cr3", "th3");
        await DeliveredAsync(barrier);

        var store = _rig.App.Services.GetRequiredService<INotificationRecords>();
        foreach (var id in new[] { first, second })
        {
            var escalation = Assert.Single(await store.EscalationsOfAsync(id, CancellationToken.None));
            Assert.Equal(EscalationState.Stopped, escalation.State);
            Assert.Null(escalation.DueAt);   // nothing left due: no reminder, no second step
            Assert.Single(await store.DeliveriesAsync(id, CancellationToken.None));
        }
        Assert.DoesNotContain((await store.LiveEscalationsAsync(CancellationToken.None)), e => e.ExcursionId == first || e.ExcursionId == second);
        Assert.Equal(3, _gateway.Requests.Count);
        Assert.Single(_smtp.Received());
    }

    private async Task<Guid> RaiseAsync(string room, string sensor)
    {
        await _rig.PublishAsync(MonitorRig.Topic(room, sensor), $$$"""{"ts":"{{{_rig.NextInstant():O}}}","values":{"temperature":26}}""");
        return await _rig.WaitForExcursionAsync(sensor);
    }

    /// <summary>Waits until the excursion's only delivery is finished in the records and returns it, delivered.</summary>
    private async Task<Delivery> DeliveredAsync(Guid excursion)
    {
        var store = _rig.App.Services.GetRequiredService<INotificationRecords>();
        IReadOnlyList<Delivery> deliveries = [];
        await MonitorRig.WaitUntilAsync(async ct => (deliveries = await store.DeliveriesAsync(excursion, ct)).Any(d => d.Status != DeliveryStatus.Pending),
            Patience, $"the notification of excursion {excursion}", () => $"{deliveries.Count} deliveries; service log:\n{_rig.Log.Tail()}");
        var delivery = Assert.Single(deliveries);
        Assert.True(delivery.Status == DeliveryStatus.Delivered, $"{delivery.Status}: {string.Join("; ", delivery.Attempts.Select(a => $"{a.Channel} {a.Answer}"))}");
        return delivery;
    }

    private async Task AcknowledgeAsync(Guid excursion)
    {
        using var op = await _rig.SignInAsync("op");
        var response = await op.PostAsJsonAsync(new Uri($"/api/excursions/{excursion}/acknowledge", UriKind.Relative),
            new { userName = "op", password = MonitorRig.Password, meaning = "acknowledged", cause = "other", comment = "seen on the SMS" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
