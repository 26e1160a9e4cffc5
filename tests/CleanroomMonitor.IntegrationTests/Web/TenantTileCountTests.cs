using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>GMP issue "a tenant's tile says 5 open excursions while its list shows 1": the tenant's board tile and the
/// tenant's excursion list of the same room count the same excursions.</summary>
public sealed class TenantTileCountTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task<Guid> ExcursionAsync(double value, string status)
    {
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{_rig.NextInstant():O}}}","values":{"temperature":{{{value}}}}}""");
        var id = Guid.Empty;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            var list = await _rig.Http.GetFromJsonAsync<JsonElement>(U($"/api/excursions?sensor=th1&status={status}"), ct);
            id = list.GetArrayLength() == 0 ? Guid.Empty : list[0].GetProperty("id").GetGuid();
            return id != Guid.Empty;
        }, TimeSpan.FromSeconds(30), $"a {status} excursion on th1");
        return id;
    }

    [Fact]
    public async Task LiveTile_TenantWithExcursionsBeforeAndDuringTheLease_CountsWhatTheTenantsListShowsNotClosed()
    {
        // Before the lease: the empty room's excursion, not the tenant's.
        await ExcursionAsync(26, "Unacknowledged");
        await ExcursionAsync(20, "ReturnedUnacknowledged");
        using var admin = await _rig.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(U("/api/admin/leases"),
            new { room = "cr1", tenant = "helix-bio", from = DateTimeOffset.UtcNow.AddSeconds(1), reason = "contract 12" })).StatusCode);
        using var helix = await _rig.SignInAsync("helix-op");
        await MonitorRig.WaitUntilAsync(async ct => (await helix.GetFromJsonAsync<JsonElement>(U("/api/live"), ct)).GetProperty("rooms").GetArrayLength() == 1,
            TimeSpan.FromSeconds(30), "cr1 on helix's board (the lease begun)");
        // During the lease: the tenant's, active now.
        await ExcursionAsync(26, "Unacknowledged");

        JsonElement tile = default;
        int listed = -1;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            tile = (await helix.GetFromJsonAsync<JsonElement>(U("/api/live"), ct)).GetProperty("rooms")[0];
            var list = await helix.GetFromJsonAsync<JsonElement>(U("/api/excursions?room=cr1"), ct);
            listed = list.EnumerateArray().Count(e => e.GetProperty("status").GetString() != "Closed");
            return tile.GetProperty("activeExcursions").GetInt32() == 1;
        }, TimeSpan.FromSeconds(30), "the tenant's active excursion on its tile");

        Assert.Equal(1, listed);
        Assert.Equal(listed, tile.GetProperty("openExcursions").GetInt32());
        Assert.Equal("ACTION", tile.GetProperty("status").GetProperty("word").GetString());
    }
}
