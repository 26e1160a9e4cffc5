using System.Net;
using System.Net.Http.Json;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.IntegrationTests.Reports;

/// <summary>The release rule reads back at most <see cref="ReportOptions.MaxBreachSamples"/> breaching samples per series
/// and segment; a series with more cannot be judged run by run and must say so rather than look reviewed.</summary>
public sealed class BreachCapTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() =>
        _rig = await MonitorRig.StartAsync(new Dictionary<string, string?> { ["Reports:MaxBreachSamples"] = "2", ["Reports:MinimumCompleteness"] = "0" });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task Report_MoreBreachingSamplesThanTheCap_SeriesCappedAndNotClear()
    {
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-30);
        var started = await _rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number = "CAP-1", product = "CAR-T", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open", startedAt = start });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        // Three alert samples (23.5 ≥ 23) of th1, one more than the cap of two; humidity is not judged.
        await ReportData.WriteAsync(_rig, Enumerable.Range(0, 3).Select(i => ReportData.At("th1", "cr1", Parameter.Temperature, 23.5, start.AddMinutes(5 + i))));
        Assert.Equal(HttpStatusCode.OK, (await _rig.Http.PostAsync(new Uri("/api/batches/CAP-1/end", UriKind.Relative), null)).StatusCode);

        var report = (await _rig.Http.GetFromJsonAsync<BatchReport>(new Uri("/api/batches/CAP-1/report", UriKind.Relative), MonitorRig.Json))!;

        Assert.Equal(["th1/temperature"], report.CappedSeries);
        Assert.False(report.Verdict.ClearForRelease);
        Assert.Contains(report.Verdict.Reasons, r => r.StartsWith("th1/temperature: more breaching samples than the report fetches", StringComparison.Ordinal));
        var run = Assert.Single(report.BreachRuns);
        Assert.Equal(2, run.Count);   // only what was read back
        Assert.Equal(3, Assert.Single(report.Statistics, s => s.Sensor == "th1" && s.Parameter == "temperature").AlertSamples);
    }
}
