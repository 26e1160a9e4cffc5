using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using static CleanroomMonitor.IntegrationTests.Web.PageClient;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>/admin/users, /admin/users/{userName}, /admin/tokens and /admin/leases: the same code as /api/admin, a
/// reason for every change, and each security rule (anonymous, wrong role, a tenant's admin, CSRF).</summary>
[Collection(WebTestGroup.Name)]
public sealed partial class AdminPagesTests(WebRig fixture)
{
    private const string NewPassword = "a brand new password 42";

    private MonitorRig Rig => fixture.Rig;

    [GeneratedRegex("data-testid=\"new-token-value\" tabindex=\"0\">([^<]+)<")]
    private static partial Regex TokenValue();

    private static KeyValuePair<string, string>[] NewUser(string userName, string printedName = "Pat Example", string reason = "access request AR-7",
        string tenant = "") =>
    [
        F("Add.UserName", userName), F("Add.PrintedName", printedName), F("Add.Roles", "Operator"), F("Add.Roles", "QA"), F("Add.Tenant", tenant),
        F("Add.Password", MonitorRig.Password), F("Add.Reason", reason),
    ];

    private async Task<string> AuditAsync(string? entity = null) =>
        await Rig.Http.GetStringAsync(new Uri("/api/audit" + (entity is null ? "" : "?entity=" + entity), UriKind.Relative));

    private static async Task<JsonElement?> UserAsync(string userName, PageClient admin)
    {
        var users = await (await admin.GetAsync("/api/admin/users")).Content.ReadFromJsonAsync<JsonElement>();
        return users.EnumerateArray().Cast<JsonElement?>().FirstOrDefault(u => u!.Value.GetProperty("userName").GetString() == userName);
    }

    [Fact]
    public async Task AddUser_Admin_CreatesTheAccountWhichCanSignIn()
    {
        using var admin = await SignInAsync(Rig, "admin");
        var name = WebRig.Unique("pat").ToLowerInvariant();

        var response = await admin.PostFormAsync("/admin/users", "Add", NewUser(name, tenant: "helix-bio"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/admin/users/{name}", response.RequestMessage!.RequestUri!.AbsolutePath);
        var user = (await UserAsync(name, admin))!.Value;
        Assert.Equal(["Operator", "QA"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("helix-bio", user.GetProperty("tenant").GetString());
        Assert.Contains("access request AR-7", await AuditAsync(user.GetProperty("id").GetString()), StringComparison.Ordinal);
        using var pat = await SignInAsync(Rig, name);
        Assert.Contains(name, await admin.GetHtmlAsync("/admin/users"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUser_WithoutReasonOrDuplicate_IsRefused()
    {
        using var admin = await SignInAsync(Rig, "admin");
        var name = WebRig.Unique("dup").ToLowerInvariant();

        var noReason = await admin.PostFormAsync("/admin/users", "Add", NewUser(name, reason: ""));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Null(await UserAsync(name, admin));
        await admin.PostFormAsync("/admin/users", "Add", NewUser(name));
        var duplicate = await admin.PostFormAsync("/admin/users", "Add", NewUser(name));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("exists already", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddUser_MarkupInPrintedName_IsShownAsText()
    {
        using var admin = await SignInAsync(Rig, "admin");
        var name = WebRig.Unique("xss").ToLowerInvariant();

        await admin.PostFormAsync("/admin/users", "Add", NewUser(name, printedName: "<b onmouseover=alert(1)>Bold</b>"));
        var html = await admin.GetHtmlAsync("/admin/users");

        Assert.Contains("&lt;b onmouseover=alert(1)&gt;Bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b onmouseover", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_DisableEnableResetPasswordUnlock_EachAuditedWithReason()
    {
        using var admin = await SignInAsync(Rig, "admin");
        var name = WebRig.Unique("acc").ToLowerInvariant();
        await admin.PostFormAsync("/admin/users", "Add", NewUser(name));
        var page = $"/admin/users/{name}";

        var disabled = await admin.PostFormAsync(page, "Disable", [F("Change.Reason", "left the company")]);
        Assert.Contains("data-testid=\"account-state\">Disabled<", await disabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var anonymous = Anonymous(Rig);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/auth/login", new { userName = name, password = MonitorRig.Password }, withToken: false)).StatusCode);
        await admin.PostFormAsync(page, "Enable", [F("Change.Reason", "came back")]);
        var reset = await admin.PostFormAsync(page, "Password", [F("Change.Password", NewPassword), F("Change.Reason", "forgotten, identity checked in person")]);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using var withNew = await SignInAsync(Rig, name, NewPassword);
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostJsonAsync("/api/auth/login", new { userName = name, password = "wrong password!" }, withToken: false);
        }
        Assert.Contains("data-testid=\"account-state\">Locked<", await admin.GetHtmlAsync(page), StringComparison.Ordinal);
        var unlocked = await admin.PostFormAsync(page, "Unlock", [F("Change.Reason", "typing errors, confirmed by phone")]);

        Assert.Contains("data-testid=\"account-state\">Active<", await unlocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var again = await SignInAsync(Rig, name, NewPassword);
        var id = (await UserAsync(name, admin))!.Value.GetProperty("id").GetString();
        var audit = await AuditAsync(id);
        foreach (var expected in new[] { "user.disabled", "left the company", "user.enabled", "user.password-reset", "identity checked in person", "user.unlocked" })
        {
            Assert.Contains(expected, audit, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(NewPassword, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountPage_ShortPasswordOrNoReason_Is400AndOldPasswordStillWorks()
    {
        using var admin = await SignInAsync(Rig, "admin");
        var name = WebRig.Unique("pwd").ToLowerInvariant();
        await admin.PostFormAsync("/admin/users", "Add", NewUser(name));

        var shortPassword = await admin.PostFormAsync($"/admin/users/{name}", "Password", [F("Change.Password", "short"), F("Change.Reason", "x")]);
        var noReason = await admin.PostFormAsync($"/admin/users/{name}", "Password", [F("Change.Password", NewPassword), F("Change.Reason", " ")]);

        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var old = await SignInAsync(Rig, name);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/users/no-such-user")).StatusCode);
    }

    [Fact]
    public async Task AccountPage_OwnAccount_CannotBeDisabled()
    {
        using var admin = await SignInAsync(Rig, "admin");

        var html = await admin.GetHtmlAsync("/admin/users/admin");
        var response = await admin.PostFormAsync("/admin/users/admin", "Disable", [F("Change.Reason", "oops")]);

        Assert.DoesNotContain("handler=Disable", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Tokens_CreateShowsTheTokenOnceItWorksAndRevokeStopsIt()
    {
        using var admin = await SignInAsync(Rig, "admin");
        var name = WebRig.Unique("mes");

        var created = await admin.PostFormAsync("/admin/tokens", "Add",
            [F("Add.Name", name), F("Add.Roles", "Operator"), F("Add.Tenant", "cellco"), F("Add.Reason", "MES line 2 link")]);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("no-store", created.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var secret = TokenValue().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("crm_", secret, StringComparison.Ordinal);
        var list = await admin.GetHtmlAsync("/admin/tokens");
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        using var mes = new HttpClient { BaseAddress = Rig.BaseAddress };
        mes.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var number = WebRig.Unique("MES");
        Assert.Equal(HttpStatusCode.Forbidden, (await mes.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number, product = "P", rooms = new[] { "cr1" }, process = "closed" })).StatusCode);   // a cellco token, helix's room
        Assert.Equal(HttpStatusCode.Created, (await mes.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number, product = "P", rooms = new[] { "al1" }, process = "closed" })).StatusCode);

        var id = Regex.Match(list, $"data-token=\"([0-9a-f-]{{36}})\">\\s*<td>{Regex.Escape(name)}<").Groups[1].Value;
        var revoked = await admin.PostFormAsync("/admin/tokens", "Revoke", [F("Revoke.Id", id), F("Revoke.Reason", "line 2 decommissioned")]);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Contains($"Token {name} revoked.", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await mes.GetAsync(new Uri("/api/batches", UriKind.Relative))).StatusCode);
        var audit = await AuditAsync(id);
        Assert.Contains("MES line 2 link", audit, StringComparison.Ordinal);
        Assert.Contains("line 2 decommissioned", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_AdminScopeOrNoReason_AreRefused()
    {
        using var admin = await SignInAsync(Rig, "admin");

        var adminScope = await admin.PostFormAsync("/admin/tokens", "Add", [F("Add.Name", "root"), F("Add.Roles", "Admin"), F("Add.Reason", "why not")]);
        var noReason = await admin.PostFormAsync("/admin/tokens", "Add", [F("Add.Name", "quiet"), F("Add.Roles", "Viewer"), F("Add.Reason", "")]);

        Assert.Equal(HttpStatusCode.BadRequest, adminScope.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.DoesNotContain("new-token-value", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leases_Admin_OverlappingLeaseRefusedWithTheCurrentLessee()
    {
        // Both rooms of the rig are leased until further notice (WebRig), so a lease for a new tenant now overlaps one:
        // a room has one lessee at a time (issue 19). Recording a lease that gives a tenant its room is what WebRig does.
        using var admin = await SignInAsync(Rig, "admin");
        var tenant = WebRig.Unique("newco");
        await admin.PostFormAsync("/admin/users", "Add", NewUser(tenant, tenant: tenant));
        using var before = await SignInAsync(Rig, tenant);
        // An account an admin made chooses its own password before anything else (issue 19 item 6), on the password page.
        var changed = await before.PostFormAsync("/account/password", "", [F("CurrentPassword", MonitorRig.Password), F("NewPassword", NewPassword), F("ConfirmPassword", NewPassword)]);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await before.GetAsync("/rooms/al1")).StatusCode);

        var until = DateTime.UtcNow.AddHours(4).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var response = await admin.PostFormAsync("/admin/leases", "Add", [F("Add.Room", "al1"), F("Add.Tenant", tenant), F("Add.To", until), F("Add.Reason", "contract C-99")]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("leased to cellco", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await before.GetAsync("/rooms/al1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await admin.PostFormAsync("/admin/leases", "Add", [F("Add.Room", "nowhere"), F("Add.Tenant", tenant), F("Add.Reason", "x")])).StatusCode);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/users/op")]
    [InlineData("/admin/tokens")]
    [InlineData("/admin/leases")]
    public async Task AdminPages_AnonymousOperatorAndTenantAdmin_AreRefused(string page)
    {
        using var anonymous = Anonymous(Rig);
        using var op = await SignInAsync(Rig, "op");
        using var tenantAdmin = await SignInAsync(Rig, "helix-admin");
        using var admin = await SignInAsync(Rig, "admin");

        Assert.Equal("/login", (await anonymous.GetAsync(page)).RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantAdmin.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
        Assert.DoesNotContain("href=\"/admin/users\"", await op.GetHtmlAsync("/batches"), StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/users\"", await admin.GetHtmlAsync("/batches"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminForms_HandMadePostsAndMissingAntiforgery_AreRefused()
    {
        using var op = await SignInAsync(Rig, "op");
        using var tenantAdmin = await SignInAsync(Rig, "helix-admin");
        using var admin = await SignInAsync(Rig, "admin");
        var name = WebRig.Unique("sneak").ToLowerInvariant();

        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostWithAnyTokenAsync("/batches", "/admin/users?handler=Add", NewUser(name))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantAdmin.PostWithAnyTokenAsync("/batches", "/admin/users?handler=Add", NewUser(name, tenant: "helix-bio"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostWithAnyTokenAsync("/batches", "/admin/users/viewer?handler=Disable", [F("Change.Reason", "x")])).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostFormAsync("/admin/users", "Add", NewUser(name), withToken: false)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostFormAsync("/admin/tokens", "Add",
            [F("Add.Name", name), F("Add.Roles", "Viewer"), F("Add.Reason", "x")], withToken: false)).StatusCode);
        Assert.Null(await UserAsync(name, admin));
        Assert.DoesNotContain(name, await admin.GetHtmlAsync("/admin/tokens"), StringComparison.Ordinal);
    }
}
