using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Api;

namespace CleanroomMonitor.IntegrationTests.Excursions;

/// <summary>GET /api/readings: the readings InfluxDB holds for a sensor parameter, the evidence an excursion record's
/// values are checked against (issue 24: a record said "peak 5.04" where the stored readings fell to 3.74).</summary>
public sealed class ReadingHistoryApiTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static string Ts(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));

    [Fact]
    public async Task LowSideExcursionEscalatedToAction_RecordedValuesAreTheStoredOnes()
    {
        // th1 in cr1: alert minimum 18 °C, action minimum 16 °C. Falls to 15.0, recovers through 17.0, returns at 20.
        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        double[] values = [20.0, 17.5, 15.5, 15.0, 17.0, 20.0];
        for (var i = 0; i < values.Length; i++)
        {
            await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"),
                $$$"""{"ts":"{{{Ts(start.AddSeconds(10 * i))}}}","seq":{{{i}}},"values":{"temperature":{{{values[i].ToString(CultureInfo.InvariantCulture)}}}}}""");
        }
        Excursion? record = null;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            record = (await _rig.Http.GetFromJsonAsync<List<Excursion>>(new Uri("/api/excursions?sensor=th1", UriKind.Relative), MonitorRig.Json, ct))!
                .SingleOrDefault(e => e.Kind == ExcursionKind.Temperature && e.EndedAt is not null);
            return record is not null;
        }, TimeSpan.FromSeconds(30), "the temperature excursion on th1, returned");
        StoredReadings stored = null!;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            stored = (await _rig.Http.GetFromJsonAsync<StoredReadings>(
                new Uri($"/api/readings?sensor=th1&parameter=temperature&from={Q(start)}&to={Q(start.AddMinutes(1))}", UriKind.Relative), MonitorRig.Json, ct))!;
            return stored.Readings.Count == values.Length;
        }, TimeSpan.FromSeconds(30), "every reading stored", () => stored?.Readings.Count);

        Assert.Equal(values, stored.Readings.Select(r => r.Value));
        Assert.Equal(Enumerable.Range(0, values.Length).Select(i => (long?)i), stored.Readings.Select(r => r.Sequence));
        Assert.Equal(("cr1", "°C", false), (stored.Room, stored.Unit, stored.Truncated));
        var during = stored.Readings.Where(r => r.At >= record!.StartedAt && r.At <= record.EndedAt).ToList();
        Assert.Equal((LimitLevel.Action, 16.0, 17.5), (record!.Level, record.Limit!.Value, record.TriggerValue!.Value));
        Assert.Equal(during.Min(r => r.Value), record.PeakValue);
        Assert.Equal(during.MinBy(r => r.Value)!.At, record.PeakAt);
        Assert.Equal(stored.Readings[^1].At, record.EndedAt);
    }

    [Theory]
    [InlineData("?parameter=temperature&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", HttpStatusCode.BadRequest, "required")]
    [InlineData("?sensor=th1&parameter=temperature&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "after")]
    [InlineData("?sensor=nope&parameter=temperature&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", HttpStatusCode.NotFound, "no sensor 'nope'")]
    [InlineData("?sensor=th2&parameter=co2&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", HttpStatusCode.NotFound, "measuring 'co2'")]
    public async Task InvalidQuery_ClearErrorAndNothingElse(string query, HttpStatusCode status, string says)
    {
        using var response = await _rig.Http.GetAsync(new Uri("/api/readings" + query, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var text = (problem.TryGetProperty("detail", out var detail) ? detail.GetString() : problem.GetProperty("title").GetString()) ?? "";
        Assert.Contains(says, text, StringComparison.Ordinal);
    }
}
