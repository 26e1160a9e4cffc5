using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Service.AlertLevels;

namespace CleanroomMonitor.IntegrationTests.AlertLevels;

/// <summary>GET /api/rooms/{room}/alert-proposal over readings published through the real broker and stored in the real
/// InfluxDB (docs/excursions.md "Proposing alert levels from data").</summary>
public sealed class AlertProposalApiTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static string Ts(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    [Fact]
    public async Task ParticleCounts_NegativeBinomialFitOfTheStoredSamples_ProposesALevelPerCubicMetre()
    {
        // pc1 (grade A zone, at rest: action 3 520 /m³). Counts 0,0,0,0,1,3,3 in 28.3 L: mean 1, variance 2 → r = 1, p = 0.5,
        // P(X ≥ k) = 0.5^k ≤ 1 % first at k = 7 → 7 · 1000 / 28.3 = 247.3 → 247 /m³.
        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        long[] counts = [0, 3, 0, 1, 0, 3, 0];
        for (var i = 0; i < counts.Length; i++)
        {
            await _rig.PublishAsync(MonitorRig.Topic("cr1", "pc1"),
                $$$"""{"ts":"{{{Ts(start.AddSeconds(10 * i))}}}","seq":{{{i}}},"counts":{"particles_0_5um":{{{counts[i]}}},"particles_5_0um":0},"volume_l":28.3}""");
        }
        var uri = new Uri($"/api/rooms/cr1/alert-proposal?parameter=particles_0_5um&state=at-rest&from={Q(start.AddMinutes(-1))}&to={Q(start.AddMinutes(2))}",
            UriKind.Relative);
        AlertProposalView? proposal = null;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            using var response = await _rig.Http.GetAsync(uri, ct);
            proposal = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<AlertProposalView>(MonitorRig.Json, ct) : null;
            return proposal?.N == counts.Length;
        }, TimeSpan.FromSeconds(30), "a proposal from all seven stored samples", () => proposal?.N);

        Assert.Equal(("negative-binomial", "1/m3", 28.3), (proposal!.Method, proposal.Unit, proposal.SampleLitres));
        Assert.Equal((1.0, 2.0), (proposal.Mean!.Value, Math.Round(proposal.Variance!.Value, 9)));
        var level = Assert.Single(proposal.Levels);
        Assert.Equal(("high", 247.0, 7L), (level.Side, level.Value!.Value, level.CountPerSample!.Value));
        Assert.Equal(3520, proposal.CurrentAction.High);
        Assert.Equal(["pc1"], proposal.Sensors);
        Assert.Contains(proposal.Warnings, w => w.Contains("Only 7 samples", StringComparison.Ordinal));
        Assert.StartsWith("Proposed alert level 247 /m³ = 7 per 28.3 L sample (negative binomial fit, n = 7, mean 1, variance 2;", proposal.Summary, StringComparison.Ordinal);

        // The room was at rest throughout: in operation there is nothing to propose from.
        using var inOperation = await _rig.Http.GetAsync(new Uri(uri.OriginalString.Replace("at-rest", "in-operation", StringComparison.Ordinal), UriKind.Relative));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, inOperation.StatusCode);
    }

    [Fact]
    public async Task TemperatureRange_PercentilesOfTheStoredValues_ProposeBothSidesRoundedOutward()
    {
        // th1 in cr1: action range 16–25 °C. Sorted 20.0 20.5 21.0 21.2 21.4 21.5 21.9 22.3 22.8 23.6, tail 0.1:
        // P90: h = 9 · 0.9 = 8.1 → 22.8 + 0.1 · 0.8 = 22.88 → up to 22.9; P10: h = 0.9 → 20.0 + 0.9 · 0.5 = 20.45 → down to 20.4.
        var start = DateTimeOffset.UtcNow.AddMinutes(-3);
        double[] values = [21.4, 20.0, 22.8, 21.0, 23.6, 21.2, 20.5, 21.9, 22.3, 21.5];
        for (var i = 0; i < values.Length; i++)
        {
            await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"),
                $$$"""{"ts":"{{{Ts(start.AddSeconds(10 * i))}}}","seq":{{{i}}},"values":{"temperature":{{{values[i].ToString(CultureInfo.InvariantCulture)}}}}}""");
        }
        var uri = new Uri($"/api/rooms/cr1/alert-proposal?parameter=temperature&sensor=th1&state=at-rest&tail=0.1&from={Q(start.AddMinutes(-1))}&to={Q(start.AddMinutes(2))}",
            UriKind.Relative);
        AlertProposalView? proposal = null;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            using var response = await _rig.Http.GetAsync(uri, ct);
            proposal = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<AlertProposalView>(MonitorRig.Json, ct) : null;
            return proposal?.N == values.Length;
        }, TimeSpan.FromSeconds(30), "a proposal from all ten stored temperatures", () => proposal?.N);

        Assert.Equal("percentile", proposal!.Method);
        Assert.Equal([("high", 22.9, 90.0), ("low", 20.4, 10.0)], proposal.Levels.Select(l => (l.Side, l.Value!.Value, l.Percentile!.Value)));
        Assert.Equal((16.0, 25.0), (proposal.CurrentAction.Low!.Value, proposal.CurrentAction.High!.Value));
        Assert.Contains("— action range 16.0–25.0 °C", proposal.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/rooms/nope/alert-proposal?parameter=temperature&state=at-rest&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", HttpStatusCode.NotFound, "no room 'nope'")]
    [InlineData("/api/rooms/cr1/alert-proposal?parameter=ozone&state=at-rest&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", HttpStatusCode.NotFound, "parameter 'ozone'")]
    [InlineData("/api/rooms/al1/alert-proposal?parameter=co2&state=at-rest&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", HttpStatusCode.NotFound, "no sensor measuring co2")]
    [InlineData("/api/rooms/cr1/alert-proposal?parameter=temperature&state=busy&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", HttpStatusCode.BadRequest, "state 'busy'")]
    [InlineData("/api/rooms/cr1/alert-proposal?parameter=temperature&state=at-rest&from=yesterday&to=2026-02-01T00:00:00Z", HttpStatusCode.BadRequest, "from 'yesterday'")]
    [InlineData("/api/rooms/cr1/alert-proposal?parameter=temperature&state=at-rest&from=2026-01-01T00:00:00&to=2026-02-01T00:00:00Z", HttpStatusCode.BadRequest, "with an offset")]
    [InlineData("/api/rooms/cr1/alert-proposal?parameter=temperature&state=at-rest&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "must be before")]
    [InlineData("/api/rooms/cr1/alert-proposal?parameter=temperature&state=at-rest&from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "at most 366 days")]
    [InlineData("/api/rooms/cr1/alert-proposal?parameter=temperature&state=at-rest&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&tail=0.5", HttpStatusCode.BadRequest, "tail '0.5'")]
    [InlineData("/api/rooms/cr1/alert-proposal?parameter=temperature&state=at-rest&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&sensor=pc1", HttpStatusCode.NotFound, "no sensor 'pc1' measuring temperature")]
    [InlineData("/api/rooms/cr1/alert-proposal?parameter=temperature&state=at-rest&from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z", HttpStatusCode.UnprocessableEntity, "no valid temperature samples")]
    public async Task BadRequest_ClearProblemCountedAndLogged(string path, HttpStatusCode status, string says)
    {
        using var response = await _rig.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(_rig.Log.Entries, e => e.Text.Contains("Alert-level proposal for", StringComparison.Ordinal) && e.Text.Contains(says, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("viewer", HttpStatusCode.Forbidden)]
    [InlineData("helix-op", HttpStatusCode.Forbidden)]
    public async Task NotFacilityOperatorOrQa_IsRefused(string user, HttpStatusCode status)
    {
        using var client = await _rig.SignInAsync(user);

        using var response = await client.GetAsync(new Uri("/api/rooms/cr1/alert-proposal?parameter=temperature&state=at-rest&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
    }
}
