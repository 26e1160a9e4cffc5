using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanroomMonitor.IntegrationTests.Web;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.Notifications;

/// <summary>The notification plan through /api/notifications (validated whole, audited, administrators of the facility
/// only), a route's test notification to a real SMTP server, and the delivery record of a real excursion for those who
/// may see it. The tests share one service; each saves the plan it needs.</summary>
public sealed class NotificationApiTests(NotificationApiRig fixture) : IClassFixture<NotificationApiRig>
{
    private MonitorRig Rig => fixture.Rig;

    private async Task<PageClient> SavedPlanAsync()
    {
        var admin = await PageClient.SignInAsync(Rig, "admin");
        var saved = await admin.PutJsonAsync("/api/notifications/plan", new { text = NotificationApiRig.Plan, reason = "test plan" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        return admin;
    }

    [Fact]
    public async Task PutPlan_InvalidPlan_Is400NamingEachPathAndNothingIsSaved()
    {
        using var admin = await PageClient.SignInAsync(Rig, "admin");
        var before = await (await admin.GetAsync("/api/notifications/plan")).Content.ReadAsStringAsync();
        var bad = NotificationApiRig.Plan.Replace("duty@site.example", "not-an-address", StringComparison.Ordinal)
            .Replace("\"policy\": \"now\"", "\"policy\": \"later\"", StringComparison.Ordinal);

        var response = await admin.PutJsonAsync("/api/notifications/plan", new { text = bad, reason = "typo" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("not-an-address", errors.GetProperty("$.contacts[0].email")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("$.routes[0].policy", out _));
        Assert.Equal(before, await (await admin.GetAsync("/api/notifications/plan")).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutJsonAsync("/api/notifications/plan", new { text = NotificationApiRig.Plan })).StatusCode);   // no reason
    }

    [Fact]
    public async Task PutPlan_Valid_InForceAuditedAndOnCallShown()
    {
        using var admin = await SavedPlanAsync();

        var plan = await (await admin.GetAsync("/api/notifications/plan")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("admin", plan.GetProperty("by").GetString());
        Assert.Equal("test plan", plan.GetProperty("reason").GetString());
        var onCall = await (await admin.GetAsync("/api/notifications/on-call")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Duty Engineer", onCall[0].GetProperty("names")[0].GetString());
        var audit = await Rig.Http.GetStringAsync(new Uri("/api/audit?entity=plan", UriKind.Relative));
        Assert.Contains("notifications.plan-changed", audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qa")]
    [InlineData("helix-admin")]
    public async Task NotificationApi_NotAFacilityAdministrator_Is403(string user)
    {
        if (user == "helix-admin")
        {
            var accounts = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<CleanroomMonitor.Service.Security.UserAccounts>(Rig.App.Services);
            await accounts.CreateAsync(new CleanroomMonitor.Service.Security.NewUser(user, "Helix Admin", ["Admin"], "helix-bio", MonitorRig.Password), "test", default,
                passwordChosenByHolder: true);
        }
        using var client = await PageClient.SignInAsync(Rig, user);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/notifications/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutJsonAsync("/api/notifications/plan", new { text = "{}", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostJsonAsync("/api/notifications/test", new { route = "everything", reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task Test_Route_MailAcceptedByTheSmtpServerRecordedAndAudited()
    {
        using var admin = await SavedPlanAsync();
        var before = fixture.Smtp.Received().Count;

        var response = await admin.PostJsonAsync("/api/notifications/test", new { route = "everything", reason = "monthly check of the alarm path" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deliveries = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, deliveries.GetArrayLength());   // a test reaches tenant people too: it tests their addresses
        Assert.All(deliveries.EnumerateArray(), d => Assert.Equal("Delivered", d.GetProperty("status").GetString()));
        Assert.All(deliveries.EnumerateArray(), d => Assert.Equal("admin", d.GetProperty("requestedBy").GetString()));
        var mails = fixture.Smtp.Received().Skip(before).ToList();
        Assert.Equal(3, mails.Count);
        Assert.Contains(mails, m => m.Recipients.Contains("duty@site.example") && Encoding.UTF8.GetString(m.Data).Contains("Test notification", StringComparison.Ordinal));
        Assert.Contains("notifications.test-sent", await Rig.Http.GetStringAsync(new Uri("/api/audit?entity=everything", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync("/api/notifications/test", new { route = "nowhere", reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task Excursion_DutyAndLesseeMailedOtherTenantNot_AndTheRecordIsShownToWhoMaySeeIt()
    {
        using var admin = await SavedPlanAsync();
        var before = fixture.Smtp.Received().Count;

        await Rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":26}}""");
        var id = await Rig.WaitForExcursionAsync("th1");

        JsonElement deliveries = default;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            deliveries = await Rig.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/excursions/{id}/deliveries", UriKind.Relative), ct);
            return deliveries.GetArrayLength() == 3 && deliveries.EnumerateArray().All(d => d.GetProperty("status").GetString() != "Pending");
        }, TimeSpan.FromSeconds(30), "three finished deliveries", () => deliveries);
        var byContact = deliveries.EnumerateArray().ToDictionary(d => d.GetProperty("contact").GetString()!, d => d.GetProperty("status").GetString());
        Assert.Equal("Delivered", byContact["duty"]);
        Assert.Equal("Delivered", byContact["helix"]);
        Assert.Equal("Unreached", byContact["cellco"]);
        var mails = fixture.Smtp.Received().Skip(before).ToList();
        Assert.Equal(2, mails.Count);
        var text = Encoding.UTF8.GetString(mails.First(m => m.Recipients.Contains("duty@site.example")).Data);
        Assert.Contains($"https://monitor.site.example/excursions/{id:D}", text, StringComparison.Ordinal);
        Assert.Contains("X-Cleanroom-Excursion: " + id.ToString("D"), text, StringComparison.OrdinalIgnoreCase);

        using var lessee = await PageClient.SignInAsync(Rig, "helix-op");
        using var other = await PageClient.SignInAsync(Rig, "cellco-op");
        var seenByLessee = await (await lessee.GetAsync($"/api/excursions/{id}/deliveries")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["duty", "helix"], seenByLessee.EnumerateArray().Select(d => d.GetProperty("contact").GetString()).Order());   // not the other tenant's person
        Assert.All(seenByLessee.EnumerateArray().SelectMany(d => d.GetProperty("attempts").EnumerateArray()),
            a => Assert.Equal("(shown to administrators)", a.GetProperty("address").GetString()));
        var seenByAdmin = await (await admin.GetAsync($"/api/excursions/{id}/deliveries")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(seenByAdmin.EnumerateArray().SelectMany(d => d.GetProperty("attempts").EnumerateArray()),
            a => a.GetProperty("address").GetString() == "duty@site.example");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/excursions/{id}/deliveries")).StatusCode);
        var page = await admin.GetHtmlAsync($"/excursions/{id}");
        Assert.Contains("data-testid=\"deliveries\"", page, StringComparison.Ordinal);
        Assert.Contains("Duty Engineer", page, StringComparison.Ordinal);
        var adminPage = await admin.GetHtmlAsync("/admin/notifications");
        Assert.Contains("data-route=\"everything\"", adminPage, StringComparison.Ordinal);
    }
}
