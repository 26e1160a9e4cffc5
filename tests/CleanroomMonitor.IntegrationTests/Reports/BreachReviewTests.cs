using System.Net;
using System.Net.Http.Json;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Reports;
using CleanroomMonitor.TestSupport;

namespace CleanroomMonitor.IntegrationTests.Reports;

/// <summary>The release verdict from the stored data (issue 19 item 3), end to end: breaches that the product itself
/// stores without raising an excursion (a justified alarm delay, Annex 1 9.16, outlasts them) keep the batch from clear
/// release until QA signs a breach review of exactly those runs.</summary>
public sealed class BreachReviewTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The rig's facility, with a five-minute justified delay on cr1's temperature: a breach shorter than that
    /// is stored and counted but raises no excursion.</summary>
    private static readonly string DelayedFacility = MonitorRig.FacilityJson.Replace(
        "\"action\": { \"low\": 16, \"high\": 25 } }",
        "\"action\": { \"low\": 16, \"high\": 25 }, \"delay\": \"5m\", \"justification\": \"door openings settle within 5 minutes (validation VR-12)\" }",
        StringComparison.Ordinal);

    private readonly TempDirectory _directory = new("breach-review");
    private MonitorRig _rig = null!;

    public async Task InitializeAsync()
    {
        Assert.Contains("\"delay\": \"5m\"", DelayedFacility, StringComparison.Ordinal);
        var facility = _directory.Combine("facility.json");
        await File.WriteAllTextAsync(facility, DelayedFacility);
        // The batch lasts seconds; completeness is another rule's business (ReleaseRuleTests), so it cannot get in the way here.
        _rig = await MonitorRig.StartAsync(new Dictionary<string, string?> { ["Facility:File"] = facility, ["Reports:MinimumCompleteness"] = "0" });
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        _directory.Dispose();
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private Task PublishTemperatureAsync(double value) =>
        _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{_rig.NextInstant():O}}}","values":{"temperature":{{{value}}}}}""");

    private async Task<BatchReport> ReportAsync(string number) =>
        (await _rig.Http.GetFromJsonAsync<BatchReport>(Url($"/api/batches/{number}/report"), MonitorRig.Json))!;

    private static object Request(string? meaning, params ReportBreachRun[] runs) => RequestBy("qa", meaning, runs);

    private static object RequestBy(string userName, string? meaning, params ReportBreachRun[] runs) => new
    {
        userName,
        password = MonitorRig.Password,
        meaning,
        reason = "door opening during material transfer, within the validated delay; vessels closed",
        runs = runs.Select(r => new BreachRunReference(r.Sensor, r.Parameter, r.Level, r.First, r.Last, r.Count)).ToArray(),
    };

    /// <summary>Starts BR-1, stores an action breach (25.5 °C) and an alert breach (23.5 °C), each followed by a normal
    /// reading, through the broker, and ends the batch.</summary>
    private async Task EndedBatchWithTwoShortBreachesAsync()
    {
        var started = await _rig.Http.PostAsJsonAsync(Url("/api/batches"),
            new { number = "BR-1", product = "CAR-T", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        foreach (var value in new[] { 25.5, 20, 23.5, 20 })
        {
            await PublishTemperatureAsync(value);
        }
        await _rig.WaitForPointsAsync(4, Patience, "WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature'");
        Assert.Equal(HttpStatusCode.OK, (await _rig.Http.PostAsync(Url("/api/batches/BR-1/end"), null)).StatusCode);
    }

    [Fact]
    public async Task Report_ShortBreachesWithinTheDelay_NotClearUntilQaReviewsExactlyThoseRuns()
    {
        await EndedBatchWithTwoShortBreachesAsync();

        var before = await ReportAsync("BR-1");

        Assert.Empty(before.Excursions);   // the delay outlasted both breaches: the excursion list alone would say clear
        Assert.False(before.Verdict.ClearForRelease);
        var action = Assert.Single(before.BreachRuns, r => r.Level == LimitLevel.Action);
        var alert = Assert.Single(before.BreachRuns, r => r.Level == LimitLevel.Alert);
        Assert.All(before.BreachRuns, r => Assert.True(r.IsUnexplained));
        Assert.Equal(("th1", "temperature", 1L), (action.Sensor, action.Parameter, action.Count));
        Assert.True(action.First < alert.First);
        Assert.Equal(2, before.Verdict.Reasons.Count);
        Assert.All(before.Verdict.Reasons, r => Assert.Contains("no breach review signed for them", r, StringComparison.Ordinal));

        using var qa = await _rig.SignInAsync("qa");
        var first = await qa.PostAsJsonAsync(Url("/api/batches/BR-1/breach-review"), Request(BreachReview.Meanings[1], action));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var signed = (await first.Content.ReadFromJsonAsync<BreachReview>(MonitorRig.Json))!;
        Assert.Equal("qa", signed.Signature.UserName);
        Assert.Equal(BreachReview.Meanings[1], signed.Signature.Meaning);
        Assert.Equal("user id and password entered", signed.Signature.Method);

        var half = await ReportAsync("BR-1");

        Assert.False(half.Verdict.ClearForRelease);   // the review covers the action run only
        var reason = Assert.Single(half.Verdict.Reasons);
        Assert.Contains("Alert samples of th1/temperature", reason, StringComparison.Ordinal);
        var reviewed = Assert.Single(half.BreachRuns, r => r.Level == LimitLevel.Action);
        Assert.Equal(signed.Id, reviewed.Review!.Id);
        Assert.Equal("Test qa", reviewed.Review.Signature.PrintedName);
        Assert.Equal(BreachReview.Meanings[1], reviewed.Review.Signature.Meaning);
        Assert.True(Assert.Single(half.BreachRuns, r => r.Level == LimitLevel.Alert).IsUnexplained);
        Assert.Contains(half.AuditTrail, a => a.Action == "batch.breaches-reviewed" && a.User == "qa" && a.NewValue!.Contains(signed.Id.ToString(), StringComparison.Ordinal));

        var again = await qa.PostAsJsonAsync(Url("/api/batches/BR-1/breach-review"), Request(null, action));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var second = await qa.PostAsJsonAsync(Url("/api/batches/BR-1/breach-review"), Request(null, alert));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var clear = await ReportAsync("BR-1");

        Assert.True(clear.Verdict.ClearForRelease, string.Join("; ", clear.Verdict.Reasons));
        Assert.All(clear.BreachRuns, r => Assert.NotNull(r.Review));
        var csv = CsvReader.Parse(await (await _rig.Http.GetAsync(Url("/api/batches/BR-1/report.csv"))).Content.ReadAsStringAsync());
        Assert.Equal("true", Assert.Single(csv, r => r[0] == "verdict" && r[2] == "clearForRelease")[3]);
        Assert.Equal(2, csv.Count(r => r[0] == "breach run" && r[2] == "reviewMeaning" && r[3].Length > 0));
        var page = await qa.GetStringAsync(Url("/reports/batch/BR-1"));
        Assert.Contains("breach review " + signed.Id, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BreachReview_BadRequests_RefusedWithTheirStatusAndNothingRecorded()
    {
        await EndedBatchWithTwoShortBreachesAsync();
        var run = (await ReportAsync("BR-1")).BreachRuns.First(r => r.Level == LimitLevel.Action);
        using var qa = await _rig.SignInAsync("qa");
        using var op = await _rig.SignInAsync("op");

        Assert.Equal(HttpStatusCode.NotFound, (await qa.PostAsJsonAsync(Url("/api/batches/NO-SUCH/breach-review"), Request(null, run))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await qa.PostAsJsonAsync(Url("/api/batches/BR-1/breach-review"), Request("looks fine to me", run))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await qa.PostAsJsonAsync(Url("/api/batches/BR-1/breach-review"), Request(null, run with { Count = 2 }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await qa.PostAsJsonAsync(Url("/api/batches/BR-1/breach-review"), Request(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync(Url("/api/batches/BR-1/breach-review"), RequestBy("op", null, run))).StatusCode);
        // The default client is a machine token (with the QA role): a token cannot sign.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _rig.Http.PostAsJsonAsync(Url("/api/batches/BR-1/breach-review"), Request(null, run))).StatusCode);
        var wrongPassword = await qa.PostAsJsonAsync(Url("/api/batches/BR-1/breach-review"),
            new { userName = "qa", password = "not-the-password", reason = "x", runs = new[] { new BreachRunReference(run.Sensor, run.Parameter, run.Level, run.First, run.Last, run.Count) } });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);

        var report = await ReportAsync("BR-1");

        Assert.False(report.Verdict.ClearForRelease);
        Assert.All(report.BreachRuns, r => Assert.Null(r.Review));
        Assert.DoesNotContain(report.AuditTrail, a => a.Action == "batch.breaches-reviewed");
    }
}
