using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>GET /api/rooms/{room}/windows and POST /api/rooms/{room}/windows/{id}/end, rule by rule.</summary>
[Collection(WebTestGroup.Name)]
public sealed class RoomWindowApiTests(WebRig fixture)
{
    private MonitorRig Rig => fixture.Rig;

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task<Guid> DeclareAsync(string room, string reason)
    {
        var response = await Rig.Http.PostAsJsonAsync(U($"/api/rooms/{room}/windows"), new { kind = "operation", to = DateTimeOffset.UtcNow.AddHours(1), reason });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task EndWindow_Operator_ShortensItAndListsItAsEnded()
    {
        var id = await DeclareAsync("al1", "engineering run");
        using var op = await PageClient.SignInAsync(Rig, "op");

        var ended = await op.PostJsonAsync($"/api/rooms/al1/windows/{id}/end", new { reason = "run finished" });

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var window = await ended.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(window.GetProperty("to").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        var list = await Rig.Http.GetFromJsonAsync<JsonElement>(U("/api/rooms/al1/windows"));
        Assert.Contains(list.EnumerateArray(), w => w.GetProperty("id").GetGuid() == id && w.GetProperty("reason").GetString() == "engineering run");
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostJsonAsync($"/api/rooms/al1/windows/{id}/end", new { reason = "again" })).StatusCode);
    }

    [Fact]
    public async Task EndWindow_WithoutReasonOrUnknown_Is400Or404()
    {
        var id = await DeclareAsync("al1", "reason check");
        using var op = await PageClient.SignInAsync(Rig, "op");

        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostJsonAsync($"/api/rooms/al1/windows/{id}/end", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostJsonAsync($"/api/rooms/al1/windows/{Guid.NewGuid()}/end", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostJsonAsync($"/api/rooms/cr1/windows/{id}/end", new { reason = "wrong room" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.PostJsonAsync($"/api/rooms/al1/windows/{id}/end", new { reason = "cleanup" })).StatusCode);
    }

    [Fact]
    public async Task Windows_AnonymousViewerAndCsrf_AreRefused()
    {
        var id = await DeclareAsync("al1", "security check");
        using var anonymous = new HttpClient { BaseAddress = Rig.BaseAddress };
        using var viewer = await PageClient.SignInAsync(Rig, "viewer");
        using var op = await PageClient.SignInAsync(Rig, "op");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(U("/api/rooms/al1/windows"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(U($"/api/rooms/al1/windows/{id}/end"), new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostJsonAsync($"/api/rooms/al1/windows/{id}/end", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostJsonAsync($"/api/rooms/al1/windows/{id}/end", new { reason = "x" }, withToken: false)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.PostJsonAsync($"/api/rooms/al1/windows/{id}/end", new { reason = "cleanup" })).StatusCode);
    }

    [Fact]
    public async Task Windows_OtherTenant_CannotListOrEnd()
    {
        var id = await DeclareAsync("cr1", "helix's window");
        using var cellco = await PageClient.SignInAsync(Rig, "cellco-op");
        using var helix = await PageClient.SignInAsync(Rig, "helix-op");

        Assert.Equal(HttpStatusCode.NotFound, (await cellco.GetAsync("/api/rooms/cr1/windows")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.PostJsonAsync($"/api/rooms/cr1/windows/{id}/end", new { reason = "not mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await helix.GetAsync("/api/rooms/cr1/windows")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await helix.PostJsonAsync($"/api/rooms/cr1/windows/{id}/end", new { reason = "ours, done" })).StatusCode);
    }
}
