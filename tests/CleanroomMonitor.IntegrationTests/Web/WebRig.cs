using System.Net;
using System.Net.Http.Json;
using CleanroomMonitor.Service.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>One service for the tests of the batch, room-window and admin pages and their API: cr1 is leased to
/// helix-bio and al1 to cellco, so every rule can be tried as facility staff, as the lessee and as the other tenant.
/// The tests share it one after another and name their records uniquely.</summary>
public sealed class WebRig : IAsyncLifetime
{
    public MonitorRig Rig { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Rig = await MonitorRig.StartAsync();
        using var admin = await Rig.SignInAsync("admin");
        foreach (var (room, tenant) in new[] { ("cr1", "helix-bio"), ("al1", "cellco") })
        {
            var leased = await admin.PostAsJsonAsync(new Uri("/api/admin/leases", UriKind.Relative), new { room, tenant, reason = "contract for the web tests" });
            Assert.Equal(HttpStatusCode.Created, leased.StatusCode);
        }
        // An Admin who works for a tenant: administration is the facility's own, so this account must be refused.
        var accounts = Rig.App.Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync(new NewUser("helix-admin", "Test helix-admin", ["Admin", "Operator"], "helix-bio", MonitorRig.Password), "test", default, passwordChosenByHolder: true);
    }

    public async Task DisposeAsync() => await Rig.DisposeAsync();

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}

[CollectionDefinition(Name)]
public sealed class WebTestGroup : ICollectionFixture<WebRig>
{
    public const string Name = "web";
}
