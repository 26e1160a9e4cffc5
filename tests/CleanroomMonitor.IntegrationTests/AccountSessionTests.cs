using System.Net;
using System.Net.Http.Json;

namespace CleanroomMonitor.IntegrationTests;

/// <summary>Issue 19 item 2: an account change that takes away access ends the account's existing sessions at once;
/// the session cookie is checked against the account on every request, not only at sign-in.</summary>
public sealed class AccountSessionTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri U(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Session_AccountDisabledByAdmin_IsRefusedOnTheNextRequest()
    {
        using var op = await _rig.SignInAsync("op");
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync(U("/api/batches"))).StatusCode);
        using var admin = await _rig.SignInAsync("admin");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(U("/api/admin/users/op/disable"), new { reason = "left the company" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await op.GetAsync(U("/api/batches"))).StatusCode);
        var start = await op.PostAsJsonAsync(U("/api/batches"), new { number = "DIS-1", product = "P", tenant = "T", rooms = new[] { "cr1" }, process = "open" });
        Assert.NotEqual(HttpStatusCode.Created, start.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _rig.Http.GetAsync(U("/api/batches/DIS-1"))).StatusCode);
    }

    [Fact]
    public async Task Session_EnabledAgainAfterDisable_OldSessionStaysEnded()
    {
        using var op = await _rig.SignInAsync("op");
        using var admin = await _rig.SignInAsync("admin");
        await admin.PostAsJsonAsync(U("/api/admin/users/op/disable"), new { reason = "suspended" });

        await admin.PostAsJsonAsync(U("/api/admin/users/op/enable"), new { reason = "back" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await op.GetAsync(U("/api/batches"))).StatusCode);
        using var again = await _rig.SignInAsync("op");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(U("/api/batches"))).StatusCode);
    }

    [Fact]
    public async Task Session_AccountLockedByFailedSignIns_IsRefusedOnTheNextRequest()
    {
        using var viewer = await _rig.SignInAsync("viewer");
        using var anonymous = new HttpClient { BaseAddress = _rig.BaseAddress };

        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync(U("/api/auth/login"), new { userName = "viewer", password = "wrong password!" });
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync(U("/api/batches"))).StatusCode);
    }

    [Fact]
    public async Task Session_PasswordResetByAdmin_IsRefusedOnTheNextRequest()
    {
        using var op = await _rig.SignInAsync("op");
        using var admin = await _rig.SignInAsync("admin");

        var reset = await admin.PostAsJsonAsync(U("/api/admin/users/op/password"), new { password = "Tr7!kq-Lamp-Violet", reason = "forgotten, identity checked" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await op.GetAsync(U("/api/batches"))).StatusCode);
    }

    [Fact]
    public async Task Session_OwnPasswordChanged_OtherSessionsEndAndThisOneGoesOn()
    {
        using var here = await _rig.SignInAsync("op");
        using var elsewhere = await _rig.SignInAsync("op");

        var changed = await here.PostAsJsonAsync(U("/api/auth/password"), new { currentPassword = MonitorRig.Password, newPassword = "Tr7!kq-Lamp-Violet" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync(U("/api/batches"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(U("/api/batches"))).StatusCode);
    }
}
