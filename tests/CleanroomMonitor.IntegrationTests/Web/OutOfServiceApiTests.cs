using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Service.Evaluation;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Web;

/// <summary>/api/rooms/{room}/out-of-service through the real service, broker and InfluxDB: each security rule, and a
/// sensor out of service whose breaching readings are stored (flagged) without raising an excursion.</summary>
[Collection(WebTestGroup.Name)]
public sealed class OutOfServiceApiTests(WebRig fixture)
{
    private MonitorRig Rig => fixture.Rig;

    private static object Take(string sensor, string reason, string? parameter = null) =>
        new { sensor, parameter, expectedEnd = DateTimeOffset.UtcNow.AddHours(1), reason };

    [Fact]
    public async Task OutOfService_AnonymousViewerQaCsrfAndOtherTenant_AreRefused()
    {
        using var anonymous = new HttpClient { BaseAddress = Rig.BaseAddress };
        using var viewer = await PageClient.SignInAsync(Rig, "viewer");
        using var qa = await PageClient.SignInAsync(Rig, "qa");
        using var op = await PageClient.SignInAsync(Rig, "op");
        using var cellco = await PageClient.SignInAsync(Rig, "cellco-op");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/rooms/al1/out-of-service", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(new Uri("/api/rooms/al1/out-of-service", UriKind.Relative), Take("th2", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostJsonAsync("/api/rooms/al1/out-of-service", Take("th2", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await qa.PostJsonAsync("/api/rooms/al1/out-of-service", Take("th2", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostJsonAsync("/api/rooms/al1/out-of-service", Take("th2", "x"), withToken: false)).StatusCode);
        // cr1 is helix-bio's: to cellco it does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.GetAsync("/api/rooms/cr1/out-of-service")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.PostJsonAsync("/api/rooms/cr1/out-of-service", Take("dp1", "not ours"))).StatusCode);
        // A sensor of another room is not found in this one; no reason or no expected end is invalid.
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostJsonAsync("/api/rooms/al1/out-of-service", Take("th1", "wrong room"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostJsonAsync("/api/rooms/al1/out-of-service", Take("th2", ""))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostJsonAsync("/api/rooms/al1/out-of-service", new { sensor = "th2", reason = "no end" })).StatusCode);

        var taken = await cellco.PostJsonAsync("/api/rooms/al1/out-of-service", Take("th2", WebRig.Unique("probe calibration")));
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var id = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostJsonAsync("/api/rooms/al1/out-of-service", Take("th2", "twice"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cellco.PostJsonAsync($"/api/rooms/cr1/out-of-service/{id}/return", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostJsonAsync($"/api/rooms/al1/out-of-service/{id}/return", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostJsonAsync($"/api/rooms/al1/out-of-service/{id}/return", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.PostJsonAsync($"/api/rooms/al1/out-of-service/{id}/return", new { reason = "calibrated" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await op.PostJsonAsync($"/api/rooms/al1/out-of-service/{id}/return", new { reason = "again" })).StatusCode);
    }

    [Fact]
    public async Task OutOfService_BreachingReadings_StoredFlaggedNoExcursionThenJudgedAfterTheReturn()
    {
        using var op = await PageClient.SignInAsync(Rig, "op");
        var reason = WebRig.Unique("temperature probe calibration");
        var taken = await op.PostJsonAsync("/api/rooms/cr1/out-of-service", Take("th1", reason, "temperature"));
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var id = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var since = DateTimeOffset.UtcNow;

        // 31 °C is above the action limit of 25 °C in cr1: a breach, were the probe in service.
        var ts = DateTimeOffset.UtcNow;
        await Rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{ts.ToString("O", CultureInfo.InvariantCulture)}}}","values":{"temperature":31}}""");
        await Rig.WaitForPointsAsync(1, TimeSpan.FromSeconds(20), "WHERE \"sensor\" = 'th1' AND \"out_of_service\" = true");
        var page = await op.GetHtmlAsync("/rooms/cr1");
        Assert.Contains("data-testid=\"out-of-service-badge\"", page, StringComparison.Ordinal);
        Assert.Contains(reason, page, StringComparison.Ordinal);
        var board = await op.GetHtmlAsync("/");
        Assert.Contains("out of service", board, StringComparison.Ordinal);
        // Stored means the ingest pump had handed the reading to the engine (before storage); once the engine answers a
        // barrier given after it, the reading has been judged and anything it raised recorded.
        await Rig.App.Services.GetRequiredService<ExcursionEngine>().JudgedAsync(CancellationToken.None);
        Assert.Empty(await TemperatureExcursionsSinceAsync(since));

        Assert.Equal(HttpStatusCode.OK, (await op.PostJsonAsync($"/api/rooms/cr1/out-of-service/{id}/return", new { reason = "calibrated, certificate C-12" })).StatusCode);
        await Rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)}}}","values":{"temperature":31}}""");
        await MonitorRig.WaitUntilAsync(async _ => (await TemperatureExcursionsSinceAsync(since)).Count == 1, TimeSpan.FromSeconds(20), "the excursion after the return");
        var audit = await Rig.Http.GetStringAsync(new Uri("/api/audit?entity=th1", UriKind.Relative));
        Assert.Contains("sensor.out-of-service", audit, StringComparison.Ordinal);
        Assert.Contains("sensor.returned-to-service", audit, StringComparison.Ordinal);
        Assert.Contains(reason, audit, StringComparison.Ordinal);
        // Leave the room as other tests expect it: the breach returns.
        await Rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{DateTimeOffset.UtcNow.AddSeconds(1).ToString("O", CultureInfo.InvariantCulture)}}}","values":{"temperature":21}}""");
    }

    private async Task<List<JsonElement>> TemperatureExcursionsSinceAsync(DateTimeOffset since)
    {
        var list = await Rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/excursions?sensor=th1", UriKind.Relative));
        return list.EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "Temperature" && e.GetProperty("startedAt").GetDateTimeOffset() >= since)
            .ToList();
    }
}
