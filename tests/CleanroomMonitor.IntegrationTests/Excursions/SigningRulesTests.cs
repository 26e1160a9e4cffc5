using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests.Excursions;

/// <summary>Issue 19 items 4 and 5 against the running service: a signature's meaning and QA's decisions come from
/// fixed lists, impacts only for linked batches of the signer's tenant, and shelving is a person's signed act with an
/// expiry that ends by itself.</summary>
public sealed class SigningRulesTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri U(string path) => new(path, UriKind.Relative);

    private Task PublishTemperatureAsync(double value) =>
        _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{DateTimeOffset.UtcNow:O}}}","values":{"temperature":{{{value}}}}}""");

    private async Task<JsonElement> StoredAsync(Guid id) => await _rig.Http.GetFromJsonAsync<JsonElement>(U($"/api/excursions/{id}"));

    private async Task StartBatchAsync(string number, string tenant) =>
        Assert.Equal(HttpStatusCode.Created, (await _rig.Http.PostAsJsonAsync(U("/api/batches"),
            new { number, product = "CAR-T", tenant, rooms = new[] { "cr1" }, process = "open" })).StatusCode);

    private async Task<Guid> RaiseAsync()
    {
        await PublishTemperatureAsync(26);
        return await _rig.WaitForExcursionAsync("th1");
    }

    private async Task WaitForStatusAsync(Guid id, string status) =>
        await MonitorRig.WaitUntilAsync(async ct => (await _rig.Http.GetFromJsonAsync<JsonElement>(U($"/api/excursions/{id}"), ct))
            .GetProperty("status").GetString() == status, Patience, $"excursion {id} {status}");

    /// <summary>Raised, acknowledged by op, back to normal: ready for QA.</summary>
    private async Task<Guid> ReturnedAcknowledgedAsync()
    {
        var id = await RaiseAsync();
        using var op = await _rig.SignInAsync("op");
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"),
            new { userName = "op", password = MonitorRig.Password, meaning = "acknowledged", cause = "other", comment = "seen" })).StatusCode);
        await PublishTemperatureAsync(20);
        await WaitForStatusAsync(id, "ReturnedToNormal");
        return id;
    }

    [Fact]
    public async Task Acknowledge_MeaningOfAnotherAct_Is400AndNothingSigned()
    {
        var id = await RaiseAsync();
        using var op = await _rig.SignInAsync("op");

        var response = await op.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"),
            new { userName = "op", password = MonitorRig.Password, meaning = "approved for batch release", cause = "other", comment = "looks fine" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Unacknowledged", (await StoredAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Close_DecisionNotOnTheList_Is400AndNotClosed()
    {
        await StartBatchAsync("H-1", "helix-bio");
        var id = await ReturnedAcknowledgedAsync();
        using var qa = await _rig.SignInAsync("qa");

        var response = await qa.PostAsJsonAsync(U($"/api/excursions/{id}/close"), new
        {
            userName = "qa", password = MonitorRig.Password, meaning = "reviewed and closed", deviation = "DEV-1", comment = "c",
            impacts = new[] { new { batch = "H-1", decision = "anything I like", reason = "r" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ReturnedToNormal", (await StoredAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Close_ImpactForBatchNotLinked_Is400AndNotClosed()
    {
        await StartBatchAsync("H-1", "helix-bio");
        var id = await ReturnedAcknowledgedAsync();
        using var qa = await _rig.SignInAsync("qa");

        var response = await qa.PostAsJsonAsync(U($"/api/excursions/{id}/close"), new
        {
            userName = "qa", password = MonitorRig.Password, meaning = "reviewed and closed", deviation = "DEV-1", comment = "c",
            impacts = new[] { new { batch = "H-1", decision = "no impact", reason = "r" }, new { batch = "NOT-LINKED", decision = "batch rejected", reason = "r" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ReturnedToNormal", (await StoredAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Close_TenantQaDecidesForAnotherTenantsBatch_Is400AndNotClosed()
    {
        await StartBatchAsync("H-1", "helix-bio");
        await StartBatchAsync("C-1", "cellco");
        var id = await ReturnedAcknowledgedAsync();
        using var helixQa = await _rig.SignInAsync("helix-qa");

        var response = await helixQa.PostAsJsonAsync(U($"/api/excursions/{id}/close"), new
        {
            userName = "helix-qa", password = MonitorRig.Password, meaning = "reviewed and closed", deviation = "DEV-1", comment = "c",
            impacts = new[] { new { batch = "H-1", decision = "no impact", reason = "r" }, new { batch = "C-1", decision = "no impact", reason = "not ours to say" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ReturnedToNormal", (await StoredAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Shelve_WithMachineToken_Is401AndNotShelved()
    {
        var id = await RaiseAsync();

        var response = await _rig.Http.PostAsJsonAsync(U($"/api/excursions/{id}/shelve"),
            new { reason = "noisy", until = DateTimeOffset.UtcNow.AddHours(1) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unacknowledged", (await StoredAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Shelve_WithoutExpiry_Is400AndNotShelved()
    {
        var id = await RaiseAsync();
        using var op = await _rig.SignInAsync("op");

        var response = await op.PostAsJsonAsync(U($"/api/excursions/{id}/shelve"), new { userName = "op", password = MonitorRig.Password, reason = "noisy" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Unacknowledged", (await StoredAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Shelve_SignedWithExpiry_IsShelvedThenReturnsByItself()
    {
        var id = await RaiseAsync();
        using var op = await _rig.SignInAsync("op");

        var response = await op.PostAsJsonAsync(U($"/api/excursions/{id}/shelve"),
            new { userName = "op", password = MonitorRig.Password, meaning = "shelved", reason = "sensor swap WO-17", until = DateTimeOffset.UtcNow.AddSeconds(3) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shelved = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Shelved", shelved.GetProperty("status").GetString());
        Assert.Equal("Test op", shelved.GetProperty("shelving").GetProperty("signature").GetProperty("printedName").GetString());
        await WaitForStatusAsync(id, "Unacknowledged");
        var history = (await StoredAsync(id)).GetProperty("history");
        Assert.Equal(("unshelved", "system"), (history[history.GetArrayLength() - 1].GetProperty("what").GetString(), history[history.GetArrayLength() - 1].GetProperty("by").GetString()));
    }
}
