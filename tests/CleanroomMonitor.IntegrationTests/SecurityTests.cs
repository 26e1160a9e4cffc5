using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Mqtt.Client;
using CleanroomMonitor.Service.Hosting;
using CleanroomMonitor.Storage.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.IntegrationTests;

public sealed class SecurityTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Theory]
    [InlineData("GET", "/api/excursions")]
    [InlineData("GET", "/api/batches")]
    [InlineData("POST", "/api/batches")]
    [InlineData("GET", "/api/rooms")]
    [InlineData("GET", "/api/audit")]
    [InlineData("GET", "/api/ingest")]
    [InlineData("GET", "/api/about")]
    [InlineData("GET", "/api/readings/latest")]
    [InlineData("GET", "/api/readings?sensor=th1&parameter=temperature&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z")]
    [InlineData("GET", "/api/admin/users")]
    [InlineData("POST", "/api/excursions/00000000-0000-0000-0000-000000000001/acknowledge")]
    public async Task Api_Unauthenticated_Is401(string method, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = _rig.BaseAddress };

        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), U(path)) { Content = JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Api_UnknownToken_Is401AndHealthStaysOpen()
    {
        using var client = new HttpClient { BaseAddress = _rig.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", "crm_not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(U("/api/batches"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(U("/healthz"))).StatusCode);
    }

    [Theory]
    [InlineData("viewer", "POST", "/api/batches", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "POST", "/api/excursions/00000000-0000-0000-0000-000000000001/acknowledge", HttpStatusCode.Forbidden)]
    [InlineData("op", "POST", "/api/excursions/00000000-0000-0000-0000-000000000001/close", HttpStatusCode.Forbidden)]
    [InlineData("op", "GET", "/api/admin/users", HttpStatusCode.Forbidden)]
    [InlineData("qa", "POST", "/api/admin/tokens", HttpStatusCode.Forbidden)]
    [InlineData("admin", "GET", "/api/admin/users", HttpStatusCode.OK)]
    public async Task Api_RoleRules_AreEnforced(string user, string method, string path, HttpStatusCode expected)
    {
        using var client = await _rig.SignInAsync(user);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), U(path)) { Content = JsonContent.Create(new { }) });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task CookieChange_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = await _rig.SignInAsync("op");
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        var response = await client.PostAsJsonAsync(U("/api/batches"), new { number = "CSRF-1", product = "P", tenant = "T", rooms = new[] { "cr1" }, process = "open" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _rig.Http.GetAsync(U("/api/batches/CSRF-1"))).StatusCode);
    }

    [Fact]
    public async Task Login_RepeatedFailures_LockTheAccountAndAreAudited()
    {
        using var anonymous = new HttpClient { BaseAddress = _rig.BaseAddress };
        for (var i = 0; i < 5; i++)
        {
            var failed = await anonymous.PostAsJsonAsync(U("/api/auth/login"), new { userName = "viewer", password = "wrong password!" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var locked = await anonymous.PostAsJsonAsync(U("/api/auth/login"), new { userName = "viewer", password = MonitorRig.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audit = await _rig.Http.GetStringAsync(U("/api/audit"));
        Assert.Contains("user.login-failed", audit, StringComparison.Ordinal);
        Assert.Contains("user.locked", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", audit, StringComparison.Ordinal);   // no password hash in the audit trail
    }

    [Fact]
    public async Task Signature_RepeatedWrongPasswords_LockTheAccountAndAlertAdmins()
    {
        await using var alerts = new MqttClient(new MqttClientOptions { Port = _rig.Broker.Port, ClientId = "itest-security", CleanSession = true },
            TimeProvider.System, NullLogger<MqttClient>.Instance);
        alerts.Subscribe("cleanroom/itest/alerts/security", 1);
        alerts.Start();
        await alerts.WaitUntilConnectedAsync(default);
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":26}}""");
        var id = await _rig.WaitForExcursionAsync("th1");
        using var op = await _rig.SignInAsync("op");

        for (var i = 0; i < 3; i++)
        {
            var response = await op.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"), new { userName = "op", password = "not my password", cause = "other", comment = "x" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var alert = await alerts.Messages.ReadAsync(timeout.Token);
        Assert.Contains("\"user\":\"op\"", System.Text.Encoding.UTF8.GetString(alert.Payload.Span), StringComparison.Ordinal);
        var again = await op.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"), new { userName = "op", password = MonitorRig.Password, cause = "other", comment = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("Unacknowledged", (await _rig.Http.GetFromJsonAsync<JsonElement>(U($"/api/excursions/{id}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Tenants_CannotReadOrChangeEachOthersRecords()
    {
        using var admin = await _rig.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(U("/api/admin/leases"), new { room = "cr1", tenant = "helix-bio", reason = "contract 12" })).StatusCode);
        using var helix = await _rig.SignInAsync("helix-op");
        using var cellco = await _rig.SignInAsync("cellco-op");

        Assert.Equal(HttpStatusCode.Forbidden, (await cellco.PostAsJsonAsync(U("/api/batches"), new { number = "C-1", product = "P", rooms = new[] { "cr1" }, process = "open" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await helix.PostAsJsonAsync(U("/api/batches"), new { number = "H-1", product = "CAR-T", rooms = new[] { "cr1" }, process = "open" })).StatusCode);
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":26}}""");
        var id = await _rig.WaitForExcursionAsync("th1");

        Assert.Equal(HttpStatusCode.OK, (await helix.GetAsync(U($"/api/excursions/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.GetAsync(U($"/api/excursions/{id}"))).StatusCode);
        Assert.Equal("[]", await cellco.GetStringAsync(U("/api/excursions")));
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.GetAsync(U("/api/batches/H-1"))).StatusCode);
        Assert.Equal("[]", await cellco.GetStringAsync(U("/api/batches")));
        Assert.Equal("[]", await cellco.GetStringAsync(U("/api/rooms")));
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.PostAsJsonAsync(U("/api/batches/H-1/end"), new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"),
            new { userName = "cellco-op", password = MonitorRig.Password, cause = "other", comment = "not mine" })).StatusCode);
        Assert.DoesNotContain("H-1", await cellco.GetStringAsync(U("/api/audit")), StringComparison.Ordinal);
        Assert.Contains("H-1", await helix.GetStringAsync(U("/api/audit")), StringComparison.Ordinal);
        Assert.Contains("\"tenant\":\"helix-bio\"", await helix.GetStringAsync(U("/api/batches/H-1")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comment_WithMarkup_IsStoredAsTextAndReturnedEncodedInJson()
    {
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":26}}""");
        var id = await _rig.WaitForExcursionAsync("th1");
        using var op = await _rig.SignInAsync("op");

        var response = await op.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"),
            new { userName = "op", password = MonitorRig.Password, cause = "other", comment = "<script>alert('x')</script>" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        var json = JsonDocument.Parse(raw).RootElement;
        Assert.Equal("<script>alert('x')</script>", json.GetProperty("acknowledgement").GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Tokens_CreatedByAdminWorkUntilRevoked()
    {
        using var admin = await _rig.SignInAsync("admin");
        var created = await (await admin.PostAsJsonAsync(U("/api/admin/tokens"), new { name = "mes", roles = new[] { "Operator" }, reason = "MES link" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var mes = new HttpClient { BaseAddress = _rig.BaseAddress };
        mes.DefaultRequestHeaders.Authorization = new("Bearer", created.GetProperty("token").GetString());

        Assert.Equal(HttpStatusCode.Created, (await mes.PostAsJsonAsync(U("/api/batches"), new { number = "MES-1", product = "P", tenant = "T", rooms = new[] { "cr1" }, process = "closed" })).StatusCode);
        await admin.PostAsJsonAsync(U($"/api/admin/tokens/{created.GetProperty("id").GetGuid()}/revoke"), new { reason = "rotated" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await mes.GetAsync(U("/api/batches"))).StatusCode);
        Assert.Contains("\"startedBy\":\"token:mes\"", await _rig.Http.GetStringAsync(U("/api/batches/MES-1")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAdminCommand_CreatesTheFirstAdminFromTheCommandLine()
    {
        using var directory = new TempDirectory();
        var facility = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facility, MonitorRig.FacilityJson);
        var records = directory.Combine("records.db");
        var info = new ProcessStartInfo("dotnet", [typeof(CleanroomMonitorApp).Assembly.Location, "users", "add-admin", "--user", "site.admin", "--name", "Sam Site-Admin"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.Path,
        };
        info.Environment["Facility__File"] = facility;
        info.Environment["Records__Path"] = records;
        info.Environment["CLEANROOM_ADMIN_PASSWORD"] = "a long enough admin password";

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.True(process.ExitCode == 0, await output);
        using var store = new RecordStore(Options.Create(new RecordsOptions { Path = records }), NullLogger<RecordStore>.Instance);
        await store.InitializeAsync(default);
        var admin = await store.FindUserAsync("site.admin", default);
        Assert.Equal([Role.Admin], admin!.Roles);
        Assert.Equal("Sam Site-Admin", admin.PrintedName);
        Assert.False(admin.MustChangePassword);   // the first admin chose the password at the server
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task AddUserCommand_KeepPasswordOnlyWhenAsked_OtherwiseChangedAtFirstSignIn(bool keepPassword, bool mustChange)
    {
        using var directory = new TempDirectory();
        var facility = directory.Combine("facility.json");
        await File.WriteAllTextAsync(facility, MonitorRig.FacilityJson);
        var records = directory.Combine("records.db");
        string[] args = [typeof(CleanroomMonitorApp).Assembly.Location, "users", "add", "--user", "operator", "--name", "Olu Operator", "--role", "Operator"];
        var info = new ProcessStartInfo("dotnet", keepPassword ? [.. args, "--keep-password"] : args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.Path,
        };
        info.Environment["Facility__File"] = facility;
        info.Environment["Records__Path"] = records;
        info.Environment["CLEANROOM_ADMIN_PASSWORD"] = "cleanroom-demo";   // the demo's password passes the policy

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.True(process.ExitCode == 0, await output);
        using var store = new RecordStore(Options.Create(new RecordsOptions { Path = records }), NullLogger<RecordStore>.Instance);
        await store.InitializeAsync(default);
        Assert.Equal(mustChange, (await store.FindUserAsync("operator", default))!.MustChangePassword);
    }

}
