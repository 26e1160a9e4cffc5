using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Excursions;

/// <summary>Issue 19 item 6, last clause (21 CFR 11.200(a)(1)) against the running service: the first signature of a
/// session needs the user id and the password, further signatures within <c>Security:SigningSessionIdle</c> the
/// password only, and after a longer pause both again.</summary>
public sealed class SigningSessionTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Short, so that the pause can be waited for; long enough that two requests on loopback fall well within it.
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() =>
        _rig = await MonitorRig.StartAsync(new Dictionary<string, string?> { ["Security:SigningSessionIdle"] = Idle.ToString() });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri U(string path) => new(path, UriKind.Relative);

    private Task PublishTemperatureAsync(double value) =>
        _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{DateTimeOffset.UtcNow:O}}}","values":{"temperature":{{{value}}}}}""");

    private async Task<JsonElement> StoredAsync(Guid id) => await _rig.Http.GetFromJsonAsync<JsonElement>(U($"/api/excursions/{id}"));

    private static async Task<bool> UserIdRequiredAsync(HttpClient client, CancellationToken ct = default) =>
        (await client.GetFromJsonAsync<JsonElement>(U("/api/excursions/signing"), ct)).GetProperty("userIdRequired").GetBoolean();

    private static object Shelve(string? userName, string password) =>
        new { userName, password, meaning = "shelved", reason = "sensor swap WO-18", until = DateTimeOffset.UtcNow.AddMinutes(30) };

    [Fact]
    public async Task Signing_FirstNeedsUserIdAndPassword_NextWithinIdlePasswordOnly_AfterPauseBothAgain()
    {
        await PublishTemperatureAsync(26);
        var id = await _rig.WaitForExcursionAsync("th1");
        using var qa = await _rig.SignInAsync("qa");
        Assert.True(await UserIdRequiredAsync(qa));

        // First signature of the session with the password only: a component is missing, nothing is counted.
        var withoutId = await qa.PostAsJsonAsync(U($"/api/excursions/{id}/shelve"), Shelve(null, MonitorRig.Password));
        Assert.Equal(HttpStatusCode.BadRequest, withoutId.StatusCode);
        Assert.Contains("first signature in this session: enter your user id and password", await withoutId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await AccountAsync("qa")).FailedAttempts);

        // Another person's user id (with this session's right password): refused and counted like a wrong password.
        var otherId = await qa.PostAsJsonAsync(U($"/api/excursions/{id}/shelve"), Shelve("op", MonitorRig.Password));
        Assert.Equal(HttpStatusCode.Unauthorized, otherId.StatusCode);
        Assert.Equal(1, (await AccountAsync("qa")).FailedAttempts);
        Assert.Equal("Unacknowledged", (await StoredAsync(id)).GetProperty("status").GetString());

        // A machine token cannot sign, user id or not.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _rig.Http.PostAsJsonAsync(U($"/api/excursions/{id}/shelve"), Shelve("qa", MonitorRig.Password))).StatusCode);

        // Both components: signed, the failed attempt forgotten.
        var shelved = await qa.PostAsJsonAsync(U($"/api/excursions/{id}/shelve"), Shelve("qa", MonitorRig.Password));
        Assert.Equal(HttpStatusCode.OK, shelved.StatusCode);
        Assert.Equal("user id and password entered",
            (await shelved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shelving").GetProperty("signature").GetProperty("method").GetString());
        Assert.Equal(0, (await AccountAsync("qa")).FailedAttempts);

        // The next signature of the same session, within the idle time: the password alone.
        Assert.False(await UserIdRequiredAsync(qa));
        var acknowledged = await qa.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"),
            new { password = MonitorRig.Password, meaning = "acknowledged", cause = "other", comment = "sensor swapped" });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("password re-entered (continuous signing session)",
            (await acknowledged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledgement").GetProperty("signature").GetProperty("method").GetString());

        // Another sign-in of the same person is another session: its first signature needs the user id.
        using var qaElsewhere = await _rig.SignInAsync("qa");
        Assert.True(await UserIdRequiredAsync(qaElsewhere));

        await PublishTemperatureAsync(20);
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetFromJsonAsync<JsonElement>(U($"/api/excursions/{id}"), ct))
            .GetProperty("status").GetString() == "ReturnedToNormal", Patience, $"excursion {id} ReturnedToNormal");

        // A pause longer than the idle time ends the continuous session: the waited-for condition is the manifest's own answer.
        await MonitorRig.WaitUntilAsync(ct => UserIdRequiredAsync(qa, ct), Idle + Patience, "the signing session to lapse");
        object Close(string? userName) => new
        {
            userName, password = MonitorRig.Password, meaning = "reviewed and closed", deviation = "DEV-2026-300", comment = "sensor swap, no product in the room",
        };
        var lapsed = await qa.PostAsJsonAsync(U($"/api/excursions/{id}/close"), Close(null));
        Assert.Equal(HttpStatusCode.BadRequest, lapsed.StatusCode);
        Assert.Equal("ReturnedToNormal", (await StoredAsync(id)).GetProperty("status").GetString());
        var closed = await qa.PostAsJsonAsync(U($"/api/excursions/{id}/close"), Close("qa"));
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("Closed", (await StoredAsync(id)).GetProperty("status").GetString());
    }

    private async Task<User> AccountAsync(string userName) =>
        (await _rig.App.Services.GetRequiredService<IUserStore>().FindUserAsync(userName, CancellationToken.None))!;
}
