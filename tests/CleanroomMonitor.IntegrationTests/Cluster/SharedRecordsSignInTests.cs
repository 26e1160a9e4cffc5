using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.Cluster;

/// <summary>Two instances on one PostgreSQL records database (docs/scale-out.md "Signing in on any instance"): a person
/// signed in through one is signed in on the other, and an account disabled through one ends the session on both.</summary>
public sealed class SharedRecordsSignInTests : IAsyncLifetime
{
    private PostgresProcess _postgres = null!;
    private MonitorRig _first = null!;
    private MonitorRig _second = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresProcess.StartAsync();
        var database = await _postgres.CreateDatabaseAsync();
        var shared = new Dictionary<string, string?> { ["Records:Provider"] = "Postgres", ["Records:ConnectionString"] = database };
        _first = await MonitorRig.StartAsync(shared);
        _second = await MonitorRig.StartAsync(shared);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_OnTheFirstInstance_SignedInOnTheSecondUntilDisabledThroughTheSecond()
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var onFirst = new HttpClient(handler, disposeHandler: false) { BaseAddress = _first.BaseAddress };
        using var onSecond = new HttpClient(handler, disposeHandler: false) { BaseAddress = _second.BaseAddress };
        var login = await onFirst.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName = "op", password = MonitorRig.Password });
        login.EnsureSuccessStatusCode();

        // Cookies are kept per host, not per port: the browser would send this one to either instance behind the proxy.
        var me = await onSecond.GetFromJsonAsync<JsonElement>(new Uri("/api/auth/me", UriKind.Relative));
        Assert.Equal("op", me.GetProperty("userName").GetString());

        using var admin = await _second.SignInAsync("admin");
        var disabled = await admin.PostAsJsonAsync(new Uri("/api/admin/users/op/disable", UriKind.Relative), new { reason = "left the company" });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onFirst.GetAsync(new Uri("/api/batches", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onSecond.GetAsync(new Uri("/api/batches", UriKind.Relative))).StatusCode);
        var trail = await _first.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit/verify", UriKind.Relative));
        Assert.True(trail.GetProperty("isIntact").GetBoolean(), trail.ToString());
    }
}
