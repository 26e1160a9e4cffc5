using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>Issue 19 item 8: stopping monitoring (a sensor out of service, a non-monitoring window) takes effect at
/// once and raises a System excursion in the room, which QA reviews and closes.</summary>
public sealed class MonitoringStopTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;
    private HttpClient _op = null!;

    public async Task InitializeAsync()
    {
        _rig = await MonitorRig.StartAsync();
        _op = await _rig.SignInAsync("op");
    }

    public async Task DisposeAsync()
    {
        _op.Dispose();
        await _rig.DisposeAsync();
    }

    private static Uri U(string path) => new(path, UriKind.Relative);

    private async Task<List<JsonElement>> SystemExcursionsAsync(string room) =>
        [.. (await _rig.Http.GetFromJsonAsync<JsonElement>(U($"/api/excursions?room={room}"))).EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "System")];

    [Fact]
    public async Task TakeOutOfService_ByOperator_TakesEffectAtOnceAndRaisesSystemExcursionInTheRoom()
    {
        var taken = await _op.PostAsJsonAsync(U("/api/rooms/cr1/out-of-service"),
            new { sensor = "th1", expectedEnd = DateTimeOffset.UtcNow.AddHours(1), reason = "probe calibration" });

        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var excursion = Assert.Single(await SystemExcursionsAsync("cr1"));
        Assert.Contains("probe calibration", excursion.GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.Contains("op", excursion.GetProperty("rule").GetString(), StringComparison.Ordinal);
        Assert.NotEqual("Closed", excursion.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DeclareNonMonitoringWindow_ByOperator_RaisesSystemExcursionThatQaCloses()
    {
        var declared = await _op.PostAsJsonAsync(U("/api/rooms/cr1/windows"),
            new { kind = "non-monitoring", to = DateTimeOffset.UtcNow.AddHours(1), reason = "fumigation" });
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var id = Assert.Single(await SystemExcursionsAsync("cr1")).GetProperty("id").GetGuid();
        using var qa = await _rig.SignInAsync("qa");

        var ack = await _op.PostAsJsonAsync(U($"/api/excursions/{id}/acknowledge"),
            new { userName = "op", password = MonitorRig.Password, cause = "other", comment = "fumigation planned", immediateAction = "none" });
        var close = await qa.PostAsJsonAsync(U($"/api/excursions/{id}/close"),
            new { userName = "qa", password = MonitorRig.Password, deviation = "DEV-7", comment = "window reviewed, justified" });

        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
    }

    [Fact]
    public async Task DeclareOperationWindow_MonitoringGoesOn_NoSystemExcursion()
    {
        var declared = await _op.PostAsJsonAsync(U("/api/rooms/cr1/windows"),
            new { kind = "operation", to = DateTimeOffset.UtcNow.AddHours(1), reason = "set-up" });

        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        Assert.Empty(await SystemExcursionsAsync("cr1"));
    }
}
