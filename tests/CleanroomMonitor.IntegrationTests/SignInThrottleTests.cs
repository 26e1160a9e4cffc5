using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests;

/// <summary>Failed sign-ins are counted per client address: past the limit the address is refused before any account is
/// touched, so one address can neither go on guessing nor lock every account it can name.</summary>
public sealed class SignInThrottleTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync(new Dictionary<string, string?> { ["Security:SignInFailuresPerAddress"] = "3" });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Login_AddressPastItsFailureLimit_RefusedWith429BeforeReachingAnyAccount()
    {
        using var anonymous = new HttpClient { BaseAddress = _rig.BaseAddress };
        foreach (var name in (string[])["viewer", "op", "nobody"])
        {
            var failed = await anonymous.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName = name, password = "wrong password!" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var throttled = await anonymous.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName = "qa", password = MonitorRig.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("too many failed sign-ins from this address", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audit = await _rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/audit", UriKind.Relative));
        var byQa = audit.EnumerateArray().Select(r => r.GetProperty("entry")).Where(e => e.GetProperty("user").GetString() == "qa").ToList();
        Assert.DoesNotContain(byQa, e => e.GetProperty("action").GetString()!.StartsWith("user.login", StringComparison.Ordinal));   // never reached the account
        Assert.Equal(3, audit.EnumerateArray().Count(r => r.GetProperty("entry").GetProperty("action").GetString() == "user.login-failed"));
    }
}
