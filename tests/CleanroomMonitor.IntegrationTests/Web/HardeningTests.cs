using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>Issue 19 item 9 (parts a-d) against the running service: the session cookie behind a TLS proxy, the
/// browser security headers, what a tenant sees of ingest rejections, and the board's counts within the lease.</summary>
public sealed class HardeningTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task<HttpResponseMessage> LoginAsync(string? forwardedProto)
    {
        using var anonymous = new HttpClient { BaseAddress = _rig.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, U("/api/auth/login")) { Content = JsonContent.Create(new { userName = "op", password = MonitorRig.Password }) };
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            request.Headers.Add("X-Forwarded-For", "192.0.2.7");
        }
        var response = await anonymous.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return response;
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cleanroom.session=", StringComparison.Ordinal));

    [Fact]
    public async Task Login_BehindLoopbackTlsProxy_SessionCookieIsSecure()
    {
        using var response = await LoginAsync("https");

        Assert.Contains("secure", SessionCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_PlainHttpWithoutProxy_SessionCookieIsNotMarkedSecure()
    {
        using var response = await LoginAsync(forwardedProto: null);

        Assert.DoesNotContain("secure", SessionCookie(response), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/healthz")]
    [InlineData("/api/batches")]
    public async Task Response_AnyPath_CarriesBrowserSecurityHeaders(string path)
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _rig.BaseAddress };

        using var response = await anonymous.GetAsync(U(path));

        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchReport_InlineStyle_IsAllowedByTheContentSecurityPolicyHash()
    {
        Assert.Equal(HttpStatusCode.Created, (await _rig.Http.PostAsJsonAsync(U("/api/batches"),
            new { number = "CSP-1", product = "P", tenant = "T", rooms = new[] { "cr1" }, process = "open" })).StatusCode);
        using var op = await _rig.SignInAsync("op");

        using var response = await op.GetAsync(U("/reports/batch/CSP-1"));

        var html = await response.Content.ReadAsStringAsync();
        var start = html.IndexOf("<style>", StringComparison.Ordinal) + "<style>".Length;
        var style = html[start..html.IndexOf("</style>", start, StringComparison.Ordinal)];
        var hash = "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(style))) + "'";
        Assert.Contains(hash, Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_TenantUser_SeesNoTopicsOrPayloadText()
    {
        await _rig.PublishAsync(MonitorRig.Topic("al1", "th2-unknown"), "not json SECRET-PAYLOAD-TEXT");
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetStringAsync(U("/api/ingest"), ct)).Contains("SECRET-PAYLOAD-TEXT", StringComparison.Ordinal)
            || (await _rig.Http.GetStringAsync(U("/api/ingest"), ct)).Contains("th2-unknown", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the rejection with its topic in /api/ingest for the facility's staff");
        using var helix = await _rig.SignInAsync("helix-op");

        var seen = await helix.GetStringAsync(U("/api/ingest"));

        Assert.DoesNotContain("SECRET-PAYLOAD-TEXT", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("th2-unknown", seen, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(seen).RootElement.GetProperty("rejected").GetInt64() >= 1);
    }

    [Fact]
    public async Task LiveBoard_ExcursionBeforeTheLease_IsNotCountedForTheTenant()
    {
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{DateTimeOffset.UtcNow:O}}}","values":{"temperature":26}}""");
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetFromJsonAsync<JsonElement>(U("/api/excursions?sensor=th1"), ct)).GetArrayLength() > 0,
            TimeSpan.FromSeconds(30), "an excursion on th1");
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{DateTimeOffset.UtcNow:O}}}","values":{"temperature":20}}""");
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetFromJsonAsync<JsonElement>(U("/api/excursions?sensor=th1&status=ReturnedUnacknowledged"), ct))
            .GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the excursion back to normal");
        using var admin = await _rig.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(U("/api/admin/leases"),
            new { room = "cr1", tenant = "helix-bio", from = DateTimeOffset.UtcNow.AddSeconds(1), reason = "contract 12" })).StatusCode);
        using var helix = await _rig.SignInAsync("helix-op");

        JsonElement tile = default;
        JsonElement helixBoard = default;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            helixBoard = await helix.GetFromJsonAsync<JsonElement>(U("/api/live"), ct);
            tile = helixBoard.GetProperty("rooms").EnumerateArray().FirstOrDefault(r => r.GetProperty("id").GetString() == "cr1");
            return tile.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(30), "cr1 on helix's board (the lease begun)");

        Assert.Equal(0, tile.GetProperty("openExcursions").GetInt32());
        var staffBoard = await _rig.Http.GetFromJsonAsync<JsonElement>(U("/api/live"));
        var staff = staffBoard.GetProperty("rooms").EnumerateArray().First(r => r.GetProperty("id").GetString() == "cr1");
        Assert.Equal(1, staff.GetProperty("openExcursions").GetInt32());
        // The banner of unacknowledged excursions follows the same rule: staff see the returned, unacknowledged one; the
        // new lessee does not.
        Assert.Contains(staffBoard.GetProperty("unacknowledged").EnumerateArray(), e => e.GetProperty("roomId").GetString() == "cr1" && e.GetProperty("hasReturned").GetBoolean());
        Assert.Empty(helixBoard.GetProperty("unacknowledged").EnumerateArray());
    }
}
