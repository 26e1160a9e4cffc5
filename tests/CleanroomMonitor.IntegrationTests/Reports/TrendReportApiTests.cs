using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Reports;

/// <summary>The room trend report end to end (issue 21): readings published over MQTT raise an excursion; the report's
/// JSON, CSV and PDF (Chromium, read back with pdftotext) show it; QA signs the review (wrong role, wrong password and a
/// second review of the same figures refused), and a late reading inside the period makes the review read "figures
/// changed since review".</summary>
public sealed class TrendReportApiTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response, string? detail = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        if (detail is not null)
        {
            Assert.Contains(detail, body, StringComparison.Ordinal);
        }
    }

    private async Task PublishTemperatureAsync(DateTimeOffset at, double value) =>
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"),
            string.Create(CultureInfo.InvariantCulture, $$$"""{"ts":"{{{Iso(at)}}}","values":{"temperature":{{{value}}},"relative_humidity":45}}"""));

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        Assert.True(File.Exists("/usr/bin/pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF");
        using var directory = new TempDirectory("trend-report-pdf");
        var file = directory.Combine("trend.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    [Fact]
    public async Task TrendReport_ExcursionInPeriod_JsonCsvPdfShowItAndQaReviewSignsTheFigures()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "the PDF is printed with headless Chromium");
        var first = _rig.NextInstant();
        await PublishTemperatureAsync(first, 21);
        await PublishTemperatureAsync(_rig.NextInstant(), 26);
        await PublishTemperatureAsync(_rig.NextInstant(), 21);
        await _rig.WaitForExcursionAsync("th1");
        await _rig.WaitForPointsAsync(3, TimeSpan.FromSeconds(30), "WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature'");
        var from = first.AddMinutes(-5);
        var to = _rig.NextInstant().AddMilliseconds(1);
        await MonitorRig.WaitUntilAsync(_ => Task.FromResult(DateTimeOffset.UtcNow > to), TimeSpan.FromSeconds(5), "the period's end to pass");
        var query = $"from={Iso(from)}&to={Iso(to)}";
        var path = "/api/rooms/cr1/trend-report";

        var json = await _rig.Http.GetFromJsonAsync<JsonElement>(Url($"{path}?{query}"));

        var figures = json.GetProperty("figures");
        Assert.True(figures.GetProperty("excursions").GetInt32() >= 1, figures.ToString());
        Assert.Contains(figures.GetProperty("byKindAndLevel").EnumerateArray(), c => c.GetProperty("kind").GetString() == "Temperature");
        var temperature = figures.GetProperty("distributions").EnumerateArray()
            .Single(d => d.GetProperty("sensor").GetString() == "th1" && d.GetProperty("parameter").GetString() == "temperature");
        Assert.Equal((3, 21.0, 26.0, 26.0), (temperature.GetProperty("count").GetInt32(), temperature.GetProperty("p50").GetDouble(),
            temperature.GetProperty("p95").GetDouble(), temperature.GetProperty("max").GetDouble()));
        Assert.Contains(figures.GetProperty("timeInLevels").EnumerateArray(), t => t.GetProperty("sensor").GetString() == "th1"
            && t.GetProperty("parameter").GetString() == "temperature" && t.GetProperty("alertMinutes").GetDouble() + t.GetProperty("actionMinutes").GetDouble() > 0);
        var sha = json.GetProperty("figuresSha256").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", sha);
        Assert.Equal(0, json.GetProperty("reviews").GetArrayLength());

        var csv = await _rig.Http.GetStringAsync(Url($"{path}.csv?{query}"));
        Assert.Contains("distribution,th1 temperature,max,26\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"report,cr1,figuresSha256,{sha}\r\n", csv, StringComparison.Ordinal);

        using var op = await _rig.SignInAsync("op");
        using var qa = await _rig.SignInAsync("qa");
        object Sign(string userName, string password = MonitorRig.Password) => new { userName, password, comment = "no adverse trend needing action" };
        await AssertStatusAsync(HttpStatusCode.Forbidden, await op.PostAsJsonAsync(Url($"{path}/review?{query}"), Sign("op")), "only QA");
        await AssertStatusAsync(HttpStatusCode.Unauthorized, await qa.PostAsJsonAsync(Url($"{path}/review?{query}"), Sign("qa", "wrong-password")));
        await AssertStatusAsync(HttpStatusCode.OK, await qa.PostAsJsonAsync(Url($"{path}/review?{query}"), Sign("qa")));
        await AssertStatusAsync(HttpStatusCode.Conflict, await qa.PostAsJsonAsync(Url($"{path}/review?{query}"), Sign("qa")), "already reviewed");

        var pdf = await _rig.Http.GetAsync(Url($"{path}.pdf?{query}"));
        await AssertStatusAsync(HttpStatusCode.OK, pdf);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = await PdfTextAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("Environmental-monitoring trend report", text, StringComparison.Ordinal);
        Assert.Contains("Reviewed by Test qa (qa, QA)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("figures changed since review", text, StringComparison.Ordinal);
        var audit = await _rig.App.Services.GetRequiredService<IRecordStore>().AuditTrailAsync("cr1", null, null, default);
        Assert.Contains(audit, a => a.Entry.Action == AuditAction.TrendReportReviewed && a.Entry.User == "qa" && a.Entry.NewValue!.Contains(sha, StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Entry.Action == AuditAction.TrendReviewRefused && a.Entry.User == "op");

        // A late reading inside the period changes the figures: the review now stands for figures no longer shown.
        await PublishTemperatureAsync(from.AddMinutes(1), 19);
        await _rig.WaitForPointsAsync(4, TimeSpan.FromSeconds(30), "WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature'");
        var after = await _rig.Http.GetFromJsonAsync<JsonElement>(Url($"{path}?{query}"));
        Assert.NotEqual(sha, after.GetProperty("figuresSha256").GetString());
        var review = Assert.Single(after.GetProperty("reviews").EnumerateArray());
        Assert.Equal((sha, true), (review.GetProperty("figuresSha256").GetString(), review.GetProperty("figuresChanged").GetBoolean()));
        Assert.Contains("figures changed since review", await _rig.Http.GetStringAsync(Url($"{path}.html?{query}")), StringComparison.Ordinal);
        await AssertStatusAsync(HttpStatusCode.OK, await qa.PostAsJsonAsync(Url($"{path}/review?{query}"), Sign("qa")));
    }

    [Theory]
    [InlineData("/api/rooms/cr1/trend-report?month=2026-13", HttpStatusCode.BadRequest, "yyyy-MM")]
    [InlineData("/api/rooms/cr1/trend-report?month=2026-11&from=2026-11-01T00:00:00Z", HttpStatusCode.BadRequest, "not both")]
    [InlineData("/api/rooms/cr1/trend-report?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", HttpStatusCode.BadRequest, "must be after")]
    [InlineData("/api/rooms/cr1/trend-report.csv?from=2026-11-01T00:00:00&to=2026-11-02T00:00:00Z", HttpStatusCode.BadRequest, "with an offset")]
    [InlineData("/api/rooms/nowhere/trend-report?month=2026-11", HttpStatusCode.NotFound, "not found")]
    public async Task TrendReport_BadRequest_ProblemWithTheReason(string path, HttpStatusCode expected, string detail)
    {
        var response = await _rig.Http.GetAsync(Url(path));

        await AssertStatusAsync(expected, response, detail);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
