using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Replay;

namespace CleanroomMonitor.IntegrationTests.Replay;

/// <summary>The replay's promise, end to end: the stored readings of a period, replayed with unchanged limits through
/// POST /api/rooms/{room}/replay, give exactly the excursions the engine recorded while they arrived.</summary>
public sealed class ReplayReproductionTests : IAsyncLifetime
{
    // The rig's facility, with an alert level for the counter's ≥0.5 µm channel and a justified 3 s delay on the
    // pressure alert, so the script below meets alert, action, escalation, delay and return.
    private static readonly string Facility = MonitorRig.FacilityJson
        .Replace("""{ "id": "pc1", "room": "cr1", "zone": "cr1-bsc", "parameters": ["particles_0_5um", "particles_5_0um"] }""",
            """{ "id": "pc1", "room": "cr1", "zone": "cr1-bsc", "parameters": ["particles_0_5um", "particles_5_0um"], "limits": { "particles_0_5um": { "alert": 2000 } } }""", StringComparison.Ordinal)
        .Replace("""{ "id": "dp1", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1" }""",
            """{ "id": "dp1", "room": "cr1", "parameters": ["differential_pressure"], "reference": "al1", "limits": { "differential_pressure": { "alert": { "low": 12 }, "delay": "3s", "justification": "door openings under 3 s" } } }""", StringComparison.Ordinal);

    private MonitorRig _rig = null!;

    public async Task InitializeAsync() =>
        // The script's device times lie a few minutes back: not a clock to warn about here.
        _rig = await MonitorRig.StartAsync(Facility, new Dictionary<string, string?> { ["Ingest:ClockSkewWarning"] = "00:10:00" });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Replay_UnchangedLimits_ReproducesTheRecordedExcursionsExactly()
    {
        Assert.Contains("door openings", Facility, StringComparison.Ordinal);
        var start = DateTimeOffset.FromUnixTimeSeconds(_rig.NextInstant().AddMinutes(-4).ToUnixTimeSeconds());
        const int seconds = 120;
        for (var i = 0; i < seconds; i++)
        {
            var ts = start.AddSeconds(i).ToString("O", CultureInfo.InvariantCulture);
            // ≥0.5 µm: 10 counts in 28.3 L (353/m³); 70 (2,473/m³, alert) from 20 s, 120 (4,240/m³, action) from 25 s to 27 s, back at 30 s.
            // ≥5.0 µm: one count at 60 s (35/m³, action in grade A), none otherwise.
            var half = i is >= 25 and < 28 ? 120 : i is >= 20 and < 30 ? 70 : 10;
            var five = i == 60 ? 1 : 0;
            await _rig.PublishAsync(MonitorRig.Topic("cr1", "pc1"),
                $$$"""{"ts":"{{{ts}}}","counts":{"particles_0_5um":{{{half}}},"particles_5_0um":{{{five}}}},"volume_l":28.3}""");
            // Pressure: 11 Pa for 2 s at 40 s (within the delay: nothing), 11 Pa from 50 s (alert once the 3 s passed),
            // 8 Pa at 54-55 s (below the 10 Pa cascade minimum: action), 15 Pa again from 57 s.
            var pressure = i is >= 54 and < 56 ? 8 : i is >= 40 and < 42 or >= 50 and < 57 ? 11 : 15;
            await _rig.PublishAsync(MonitorRig.Topic("cr1", "dp1"), $$$"""{"ts":"{{{ts}}}","values":{"differential_pressure":{{{pressure}}}}}""");
        }
        await _rig.WaitForPointsAsync(3 * seconds, TimeSpan.FromSeconds(60), "WHERE \"room\" = 'cr1'");
        List<Excursion> recorded = [];
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            var list = await _rig.Http.GetFromJsonAsync<List<Excursion>>(new Uri("/api/excursions?room=cr1", UriKind.Relative), MonitorRig.Json, ct);
            recorded = [.. list!.Where(e => ReplayedExcursion.IsJudgedFromLimits(e.Kind))];
            return recorded.Count == 3 && recorded.All(e => e.EndedAt is not null);
        }, TimeSpan.FromSeconds(30), "three limit excursions of cr1, all returned", () => string.Join("; ", recorded.Select(e => $"{e.Sensor} {e.Parameter} {e.Level} {e.EndedAt}")));

        var response = await _rig.Http.PostAsJsonAsync(new Uri("/api/rooms/cr1/replay", UriKind.Relative), new
        {
            from = start.AddSeconds(-1),
            to = start.AddSeconds(seconds + 1),
            proposed = JsonDocument.Parse("""{ "sensors": { "pc1": { "particles_0_5um": { "alert": 3000 } } } }""").RootElement,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var comparison = (await response.Content.ReadFromJsonAsync<ReplayComparison>(MonitorRig.Json))!;
        var expected = recorded.Select(e => Identity(ReplayedExcursion.Of(e, comparison.From, comparison.To))).Order().ToList();
        Assert.Equal(expected, comparison.Current.Select(Identity).Order().ToList());
        Assert.Equal(3 * seconds, comparison.Readings);
        // The proposal (alert at 3,000/m³) raises the ≥0.5 µm excursion only when the action limit is reached, at 25 s.
        Assert.Equal(
            [(start.AddSeconds(20), ReplayDifferenceKind.OnlyCurrent), (start.AddSeconds(25), ReplayDifferenceKind.OnlyProposed)],
            comparison.Differences.Select(d => (d.At, d.Difference)).ToList());
    }

    [Fact]
    public async Task Replay_BadRequests_ProblemWithTheReasonLoggedAndCounted()
    {
        var now = DateTimeOffset.UtcNow;
        async Task<string> RefusedAsync(string room, object body, HttpStatusCode status)
        {
            var response = await _rig.Http.PostAsJsonAsync(new Uri($"/api/rooms/{room}/replay", UriKind.Relative), body);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        }
        var proposal = JsonDocument.Parse("""{ "sensors": { "pc1": { "particles_0_5um": { "alert": 3000 } } } }""").RootElement;

        Assert.Contains("92 days", await RefusedAsync("cr1", new { from = now.AddDays(-100), to = now.AddDays(-1), proposed = proposal }, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("end after it starts", await RefusedAsync("cr1", new { from = now.AddDays(-1), to = now.AddDays(-2), proposed = proposal }, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("$.proposed.sensors.pc1.particles_0_5um.alert.high", await RefusedAsync("cr1",
            new { from = now.AddDays(-2), to = now.AddDays(-1), proposed = JsonDocument.Parse("""{ "sensors": { "pc1": { "particles_0_5um": { "alert": 9000 } } } }""").RootElement },
            HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("unknown room", await RefusedAsync("nowhere", new { from = now.AddDays(-2), to = now.AddDays(-1), proposed = proposal }, HttpStatusCode.NotFound), StringComparison.Ordinal);
        // Each refusal logged with its reason (and counted, cleanroom.replays.refused); a replay records nothing, refused or not.
        Assert.Equal(4, _rig.Log.Count(5581));
        Assert.False(_rig.Log.Has(5580));
    }

    private static string Identity(ReplayedExcursion e) =>
        $"{e.Sensor} {e.Parameter} {e.Kind} {e.Level} {e.StartedAt.ToUniversalTime():O} {e.EndedAt?.ToUniversalTime():O}";
}
