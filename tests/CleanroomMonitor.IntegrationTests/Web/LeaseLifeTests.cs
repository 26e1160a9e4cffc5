using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>Issue 19 item 7: a lease is ended or changed (audited, with reason and effective time), never overlaps
/// another lease of its room, and the past stays with the tenant who held the room then.</summary>
public sealed class LeaseLifeTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private MonitorRig _rig = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _rig = await MonitorRig.StartAsync();
        _admin = await _rig.SignInAsync("admin");
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _rig.DisposeAsync();
    }

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task<JsonElement> LeaseAsync(string tenant, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var response = await _admin.PostAsJsonAsync(U("/api/admin/leases"), new { room = "cr1", tenant, from, to, reason = "contract" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task CreateLease_OverlapsAnotherLeaseOfTheRoom_Conflict()
    {
        var now = DateTimeOffset.UtcNow;
        await LeaseAsync("helix-bio", now.AddDays(-1), now.AddDays(10));

        var overlapping = await _admin.PostAsJsonAsync(U("/api/admin/leases"), new { room = "cr1", tenant = "cellco", from = now.AddDays(5), reason = "second contract" });

        Assert.Equal(HttpStatusCode.Conflict, overlapping.StatusCode);
        Assert.Equal(1, (await _admin.GetFromJsonAsync<JsonElement>(U("/api/admin/leases"))).GetArrayLength());
    }

    [Fact]
    public async Task CreateLease_StartsWhereThePreviousEnds_Accepted()
    {
        var now = DateTimeOffset.UtcNow;
        await LeaseAsync("helix-bio", now.AddDays(-1), now.AddDays(10));

        await LeaseAsync("cellco", now.AddDays(10));
    }

    [Fact]
    public async Task EndLease_WithReason_EndsAtEffectiveTimeAndIsAudited()
    {
        var lease = await LeaseAsync("helix-bio", DateTimeOffset.UtcNow.AddDays(-1));
        var id = lease.GetProperty("id").GetGuid();
        var at = DateTimeOffset.UtcNow.AddMinutes(10);

        var ended = await _admin.PostAsJsonAsync(U($"/api/admin/leases/{id}/end"), new { at, reason = "contract terminated early" });

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(at, (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("to").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        var audit = await _rig.Http.GetStringAsync(U($"/api/audit?entity={id}"));
        Assert.Contains("room.lease-ended", audit, StringComparison.Ordinal);
        Assert.Contains("contract terminated early", audit, StringComparison.Ordinal);
        await LeaseAsync("cellco", at);
    }

    [Fact]
    public async Task EndLease_EffectiveTimeInThePast_RefusedSoThePastIsNotRewritten()
    {
        var id = (await LeaseAsync("helix-bio", DateTimeOffset.UtcNow.AddDays(-2))).GetProperty("id").GetGuid();

        var ended = await _admin.PostAsJsonAsync(U($"/api/admin/leases/{id}/end"), new { at = DateTimeOffset.UtcNow.AddDays(-1), reason = "forgot to end it" });

        Assert.Equal(HttpStatusCode.BadRequest, ended.StatusCode);
    }

    [Fact]
    public async Task ChangeLease_ExtendedIntoTheNextLease_Conflict()
    {
        var now = DateTimeOffset.UtcNow;
        var id = (await LeaseAsync("helix-bio", now.AddDays(-1), now.AddDays(10))).GetProperty("id").GetGuid();
        await LeaseAsync("cellco", now.AddDays(10));

        var extended = await _admin.PostAsJsonAsync(U($"/api/admin/leases/{id}/change"), new { to = now.AddDays(20), reason = "extension" });
        var shortened = await _admin.PostAsJsonAsync(U($"/api/admin/leases/{id}/change"), new { to = now.AddDays(5), reason = "shorter contract" });

        Assert.Equal(HttpStatusCode.Conflict, extended.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shortened.StatusCode);
        Assert.Contains("room.lease-changed", await _rig.Http.GetStringAsync(U($"/api/audit?entity={id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndedLease_ExcursionOfItsTime_VisibleToFormerTenantNotToTheNext()
    {
        var id = (await LeaseAsync("helix-bio", DateTimeOffset.UtcNow.AddDays(-1))).GetProperty("id").GetGuid();
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{DateTimeOffset.UtcNow:O}}}","values":{"temperature":26}}""");
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{DateTimeOffset.UtcNow.AddSeconds(1):O}}}","values":{"temperature":21}}""");
        var excursion = Guid.Empty;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            var list = await _rig.Http.GetFromJsonAsync<JsonElement>(U("/api/excursions"), ct);
            var ended = list.EnumerateArray().FirstOrDefault(e => e.GetProperty("endedAt").ValueKind == JsonValueKind.String);
            excursion = ended.ValueKind == JsonValueKind.Object ? ended.GetProperty("id").GetGuid() : Guid.Empty;
            return excursion != Guid.Empty;
        }, Patience, "an excursion in cr1 that returned to normal");
        var handover = DateTimeOffset.UtcNow.AddSeconds(5);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync(U($"/api/admin/leases/{id}/end"), new { at = handover, reason = "contract over" })).StatusCode);
        await LeaseAsync("cellco", handover);
        using var helix = await _rig.SignInAsync("helix-op");
        using var cellco = await _rig.SignInAsync("cellco-op");

        Assert.Equal(HttpStatusCode.OK, (await helix.GetAsync(U($"/api/excursions/{excursion}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.GetAsync(U($"/api/excursions/{excursion}"))).StatusCode);
    }
}
