using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests;

/// <summary>Issue 19 item 6 (Part 11 §11.300, §11.200): a password set by an admin is changed at first sign-in, users
/// change their own, passwords age and are not reused, weak ones are refused, and Admin is kept apart from GMP signing.</summary>
public sealed class AccountHygieneTests : IAsyncLifetime
{
    private const string Strong = "Tr7!kq-Lamp-Violet";
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task CreateByAdminAsync(string userName, string[] roles, string password = MonitorRig.Password)
    {
        using var admin = await _rig.SignInAsync("admin");
        var created = await admin.PostAsJsonAsync(U("/api/admin/users"), new { userName, printedName = "Pat Example", roles, password, reason = "access request AR-7" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private async Task<(HttpClient Client, JsonElement Me)> SignInAsync(string userName, string password = MonitorRig.Password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _rig.BaseAddress };
        var response = await client.PostAsJsonAsync(U("/api/auth/login"), new { userName, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", me.GetProperty("csrfToken").GetString());
        return (client, me);
    }

    [Fact]
    public async Task FirstSignIn_PasswordSetByAdmin_MustBeChangedBeforeAnythingElse()
    {
        await CreateByAdminAsync("newop", ["Operator"]);

        var (client, me) = await SignInAsync("newop");
        using var _ = client;

        Assert.True(me.GetProperty("mustChangePassword").GetBoolean());
        var refused = await client.GetAsync(U("/api/batches"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("password", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var same = await client.PostAsJsonAsync(U("/api/auth/password"), new { currentPassword = MonitorRig.Password, newPassword = MonitorRig.Password });
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        var changed = await client.PostAsJsonAsync(U("/api/auth/password"), new { currentPassword = MonitorRig.Password, newPassword = Strong });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False((await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(U("/api/batches"))).StatusCode);
        var audit = await _rig.Http.GetStringAsync(U("/api/audit"));
        Assert.Contains("user.password-changed", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("AQAAAA", audit, StringComparison.Ordinal);   // neither the hash nor the previous ones in the audit trail
        using var admin = await _rig.SignInAsync("admin");
        var listed = await admin.GetFromJsonAsync<JsonElement>(U("/api/admin/users"));
        Assert.False(listed.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "newop").GetProperty("mustChangePassword").GetBoolean());
    }

    [Fact]
    public async Task FirstSignIn_Page_RedirectsToThePasswordPage()
    {
        await CreateByAdminAsync("newviewer", ["Viewer"]);
        var (client, _) = await SignInAsync("newviewer");
        using var __ = client;

        var page = await client.GetAsync(U("/"));

        Assert.Equal("/account/password", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("name=\"NewPassword\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abcdeabcde")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("password123")]
    public async Task ChangePassword_WeakPassword_Is400AndOldPasswordStillWorks(string weak)
    {
        var (op, _) = await SignInAsync("op");
        using var __ = op;

        var response = await op.PostAsJsonAsync(U("/api/auth/password"), new { currentPassword = MonitorRig.Password, newPassword = weak });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await SignInAsync("op")).Client.Dispose();
    }

    [Fact]
    public async Task CreateUser_WeakPasswordByAdmin_Is400()
    {
        using var admin = await _rig.SignInAsync("admin");

        var created = await admin.PostAsJsonAsync(U("/api/admin/users"),
            new { userName = "weak", printedName = "Pat Example", roles = new[] { "Viewer" }, password = "abcdeabcde", reason = "access request" });

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_OneOfTheLastPasswords_Is400()
    {
        var (op, _) = await SignInAsync("op");
        using var __ = op;
        var first = await op.PostAsJsonAsync(U("/api/auth/password"), new { currentPassword = MonitorRig.Password, newPassword = Strong });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // The session's claims changed (a new session version), so it has a new antiforgery token too.
        op.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        op.DefaultRequestHeaders.Add("X-CSRF-TOKEN", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString());

        var back = await op.PostAsJsonAsync(U("/api/auth/password"), new { currentPassword = Strong, newPassword = MonitorRig.Password });

        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Contains("used", await back.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_Is400AndNothingChanges()
    {
        var (op, _) = await SignInAsync("op");
        using var __ = op;

        var response = await op.PostAsJsonAsync(U("/api/auth/password"), new { currentPassword = "not my password", newPassword = Strong });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        (await SignInAsync("op")).Client.Dispose();
    }

    [Fact]
    public async Task SignIn_PasswordOlderThanExpiry_MustBeChanged()
    {
        var users = _rig.App.Services.GetRequiredService<IUserStore>();
        var op = (await users.FindUserAsync("op", default))!;
        var old = DateTimeOffset.UtcNow.AddDays(-91);
        await users.SaveUserAsync(op with { PasswordChangedAt = old }, new AuditEntry(old, "test", "Admin", "test.aged", "user", op.Id.ToString("D"), null, null, "age the password"), default);

        var (client, me) = await SignInAsync("op");
        using var _ = client;

        Assert.True(me.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(U("/api/batches"))).StatusCode);
    }

    [Theory]
    [InlineData("Admin", "QA")]
    [InlineData("QA", "Admin")]
    public async Task CreateUser_AdminTogetherWithQA_Is400(string first, string second)
    {
        using var admin = await _rig.SignInAsync("admin");

        var created = await admin.PostAsJsonAsync(U("/api/admin/users"),
            new { userName = "both", printedName = "Pat Example", roles = new[] { first, second }, password = Strong, reason = "access request" });

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("separation of duties", await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_AccountWithAdminRole_IsRefused()
    {
        var accounts = _rig.App.Services.GetRequiredService<UserAccounts>();
        await accounts.CreateAsync(new NewUser("admin-op", "Avery Admin-Operator", ["Admin", "Operator"], null, MonitorRig.Password), "test", default,
            passwordChosenByHolder: true);
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), """{"values":{"temperature":26}}""");
        var id = await _rig.WaitForExcursionAsync("th1");
        var (client, _) = await SignInAsync("admin-op");
        using var __ = client;

        var response = await client.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"), new { userName = "admin-op", password = MonitorRig.Password, cause = "other", comment = "x" });

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("separation of duties", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Unacknowledged", (await _rig.Http.GetFromJsonAsync<JsonElement>(U($"/api/excursions/{id}"))).GetProperty("status").GetString());
    }

}
