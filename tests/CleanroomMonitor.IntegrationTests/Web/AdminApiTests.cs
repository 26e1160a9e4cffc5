using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>POST /api/admin/users/{userName}/password (new) and the rules the admin API gained with the pages: a reason
/// for every change, administration only by the facility's own staff, never disabling oneself.</summary>
[Collection(WebTestGroup.Name)]
public sealed class AdminApiTests(WebRig fixture)
{
    private const string NewPassword = "another new password 7";

    private MonitorRig Rig => fixture.Rig;

    private static async Task<string> CreateUserAsync(PageClient admin)
    {
        var name = WebRig.Unique("api").ToLowerInvariant();
        var created = await admin.PostJsonAsync("/api/admin/users",
            new { userName = name, printedName = "Api User", roles = new[] { "Viewer" }, password = MonitorRig.Password, reason = "api test" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return name;
    }

    [Fact]
    public async Task ResetPassword_Admin_NewPasswordSignsInOldDoesNot()
    {
        using var admin = await PageClient.SignInAsync(Rig, "admin");
        var name = await CreateUserAsync(admin);

        var response = await admin.PostJsonAsync($"/api/admin/users/{name}/password", new { password = NewPassword, reason = "forgotten" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("passwordHash", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var anonymous = PageClient.Anonymous(Rig);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/auth/login", new { userName = name, password = MonitorRig.Password }, withToken: false)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostJsonAsync("/api/auth/login", new { userName = name, password = NewPassword }, withToken: false)).StatusCode);
        Assert.Contains("user.password-reset", await Rig.Http.GetStringAsync(new Uri("/api/audit", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_InvalidRequests_Are400Or404()
    {
        using var admin = await PageClient.SignInAsync(Rig, "admin");
        var name = await CreateUserAsync(admin);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync($"/api/admin/users/{name}/password", new { password = NewPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync($"/api/admin/users/{name}/password", new { password = "short", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJsonAsync("/api/admin/users/nobody-here/password", new { password = NewPassword, reason = "x" })).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_AnonymousWrongRoleTenantAdminAndCsrf_AreRefused()
    {
        using var admin = await PageClient.SignInAsync(Rig, "admin");
        var name = await CreateUserAsync(admin);
        var body = new { password = NewPassword, reason = "x" };
        using var anonymous = new HttpClient { BaseAddress = Rig.BaseAddress };
        using var qa = await PageClient.SignInAsync(Rig, "qa");
        using var tenantAdmin = await PageClient.SignInAsync(Rig, "helix-admin");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(new Uri($"/api/admin/users/{name}/password", UriKind.Relative), body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await qa.PostJsonAsync($"/api/admin/users/{name}/password", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantAdmin.PostJsonAsync($"/api/admin/users/{name}/password", body)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync($"/api/admin/users/{name}/password", body, withToken: false)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Rig.Http.PostAsJsonAsync(new Uri($"/api/admin/users/{name}/password", UriKind.Relative), body)).StatusCode);   // tokens never administer
    }

    [Theory]
    [InlineData("GET", "/api/admin/users")]
    [InlineData("GET", "/api/admin/tokens")]
    [InlineData("GET", "/api/admin/leases")]
    [InlineData("POST", "/api/admin/leases")]
    [InlineData("POST", "/api/admin/tokens")]
    [InlineData("POST", "/api/admin/users/viewer/disable")]
    public async Task AdminApi_TenantAdmin_Is403(string method, string path)
    {
        using var tenantAdmin = await PageClient.SignInAsync(Rig, "helix-admin");
        var body = new { room = "al1", tenant = "helix-bio", name = "t", roles = new[] { "Viewer" }, reason = "grab cellco's room" };

        var response = method == "GET" ? await tenantAdmin.GetAsync(path) : await tenantAdmin.PostJsonAsync(path, body);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AdminApi_ChangesWithoutReason_Are400()
    {
        using var admin = await PageClient.SignInAsync(Rig, "admin");

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync("/api/admin/tokens", new { name = "no-reason", roles = new[] { "Viewer" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync("/api/admin/leases", new { room = "al1", tenant = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJsonAsync("/api/admin/users",
            new { userName = "no-reason", printedName = "N", roles = new[] { "Viewer" }, password = MonitorRig.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostJsonAsync("/api/admin/users/admin/disable", new { reason = "self" })).StatusCode);
        var tokens = await (await admin.GetAsync("/api/admin/tokens")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(tokens.EnumerateArray(), t => t.GetProperty("name").GetString() == "no-reason");
    }
}
