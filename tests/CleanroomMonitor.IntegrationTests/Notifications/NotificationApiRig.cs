using CleanroomMonitor.TestSupport;
using CleanroomMonitor.TestSupport.Smtp;

namespace CleanroomMonitor.IntegrationTests.Notifications;

/// <summary>One service with the email channel pointed at a real SMTP server on loopback, and no plan at start: the tests
/// save one through the API. cr1 is leased to helix-bio.</summary>
public sealed class NotificationApiRig : IAsyncLifetime
{
    public const string Plan = """
        // Test plan: the duty engineer around the clock, helix-bio's QA for its own room.
        {
          "contacts": [
            { "id": "duty", "name": "Duty Engineer", "email": "duty@site.example" },
            { "id": "helix", "name": "Helix QA", "email": "qa@helix.example", "tenant": "helix-bio" },
            { "id": "cellco", "name": "Cellco QA", "email": "qa@cellco.example", "tenant": "cellco" }
          ],
          "rosters": [ { "id": "duty", "shifts": [
            { "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "from": "00:00", "to": "12:00", "contacts": ["duty"] },
            { "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "from": "12:00", "to": "00:00", "contacts": ["duty"] } ] } ],
          "policies": [ { "id": "now", "steps": [ { "notify": ["roster:duty", "helix", "cellco"], "channels": ["email"] } ], "repeatEvery": "1h" } ],
          "routes": [ { "id": "everything", "policy": "now" } ]
        }
        """;

    public MonitorRig Rig { get; private set; } = null!;

    public SmtpServerProcess Smtp { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Smtp = await SmtpServerProcess.StartAsync();
        Rig = await MonitorRig.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Email:Host"] = Smtp.Host,
            ["Notifications:Email:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:From"] = "Cleanroom Monitor <monitor@site.example>",
            ["Notifications:PublicUrl"] = "https://monitor.site.example/",
        });
        using var admin = await Rig.SignInAsync("admin");
        var leased = await admin.PostAsync(new Uri("/api/admin/leases", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { room = "cr1", tenant = "helix-bio", reason = "contract for the notification tests" }));
        leased.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await Rig.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
