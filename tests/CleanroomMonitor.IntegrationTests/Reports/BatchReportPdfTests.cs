using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.IntegrationTests.Reports;

/// <summary>The batch report's PDF as a QA reviewer receives it (docs/reports.md "Reading the PDF"): a batch of two hours
/// with one excursion, acknowledged and closed, printed by Chromium and read back with poppler's pdftotext and pdfinfo.
/// Before the layout work the same batch printed 9 pages, two thirds raw JSON, without page numbers or header, with
/// raw keys and a completeness above 100 %.</summary>
public sealed class BatchReportPdfTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private MonitorRig _rig = null!;

    public async Task InitializeAsync() => _rig = await MonitorRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Pdf_BatchWithOneClosedExcursion_FewPagesNumberedWithRunningHeaderAndNoRawKeys()
    {
        if (!File.Exists("/usr/bin/chromium") || !File.Exists("/usr/bin/pdftotext"))
        {
            Assert.Fail("this test needs /usr/bin/chromium and poppler-utils (pdftotext, pdfinfo)");
        }
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(-2).AddSeconds(-30);
        var started = await _rig.Http.PostAsJsonAsync(Url("/api/batches"),
            new { number = "RPT-PDF", product = "CAR-T (autologous)", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open", startedAt = start });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        // A sample a minute, the first half a minute after the start: the window's edge holds one sample more than its
        // whole intervals, which the old completeness counted as 100.8 %.
        var readings = new List<Reading>();
        for (var at = start.AddSeconds(30); at < now.AddSeconds(-5); at = at.AddMinutes(1))
        {
            var i = readings.Count;
            readings.Add(ReportData.At("th1", "cr1", Parameter.Temperature, 20 + i % 7 * 0.1, at));
            readings.Add(ReportData.At("th1", "cr1", Parameter.RelativeHumidity, 45 + i % 3, at));
            readings.Add(ReportData.At("pc1", "cr1", Parameter.ParticlesHalfMicron, 1000 + i % 11 * 40, at));
            readings.Add(ReportData.At("pc1", "cr1", Parameter.ParticlesFiveMicron, i % 13 == 0 ? 1 : 0, at));
            readings.Add(ReportData.At("dp1", "cr1", Parameter.DifferentialPressure, 15 + i % 5 * 0.2, at));
        }
        await ReportData.WriteAsync(_rig, readings);
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{_rig.NextInstant():O}}}","values":{"temperature":24.2}}""");
        var excursion = await WaitForExcursionAsync(e => e.Kind == ExcursionKind.Temperature, "the temperature excursion");
        await _rig.PublishAsync(MonitorRig.Topic("cr1", "th1"), $$$"""{"ts":"{{{_rig.NextInstant():O}}}","values":{"temperature":21}}""");
        await WaitForExcursionAsync(e => e.Id == excursion.Id && e.EndedAt is not null, "the excursion to return to normal");
        Assert.Equal(HttpStatusCode.OK, (await _rig.Http.PostAsync(Url("/api/batches/RPT-PDF/end"), null)).StatusCode);
        using var op = await _rig.SignInAsync("op");
        using var qa = await _rig.SignInAsync("qa");
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync(Url($"/api/excursions/{excursion.Id}/acknowledge"),
            new { userName = "op", password = MonitorRig.Password, cause = "HVAC or filter", comment = "HVAC checked", immediateAction = "reheat valve reset" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await qa.PostAsJsonAsync(Url($"/api/excursions/{excursion.Id}/close"), new
        {
            userName = "qa", password = MonitorRig.Password, deviation = "DEV-2026-201", comment = "short warm spell, product closed",
            impacts = new[] { new ProductImpact("RPT-PDF", "no impact", "closed vessels; temperature within product range") },
        })).StatusCode);

        var response = await _rig.Http.GetAsync(Url("/api/batches/RPT-PDF/report.pdf"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "report-pdf"));
        var pdf = Path.Combine(folder.FullName, "report-RPT-PDF.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync());
        var pages = int.Parse((await RunAsync("pdfinfo", pdf)).Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))[6..].Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
        var text = await RunAsync("pdftotext", "-layout", pdf, "-");
        Assert.InRange(pages, 2, 5);
        Assert.Contains("Page 1 of " + pages, text, StringComparison.Ordinal);
        Assert.Contains($"Page {pages} of {pages}", text, StringComparison.Ordinal);
        Assert.Equal(pages, CountOf(text, "Batch RPT-PDF · CAR-T (autologous) · tenant helix-bio"));   // the running header, on every page
        Assert.Equal(pages, CountOf(text, "facility definition " + _rig.Facility.Version));
        Assert.Contains("Generated ", text, StringComparison.Ordinal);
        Assert.Contains("≥0.5 µm particles", text, StringComparison.Ordinal);
        Assert.Contains("Differential pressure", text, StringComparison.Ordinal);
        Assert.Contains("Not yet reviewed", text, StringComparison.Ordinal);
        Assert.Contains("100.0 %", text, StringComparison.Ordinal);
        Assert.DoesNotContain("particles_0_5um", text, StringComparison.Ordinal);
        Assert.DoesNotContain("differential_pressure", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1/m3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", text, StringComparison.Ordinal);   // no raw JSON audit values
        var report = await _rig.Http.GetFromJsonAsync<JsonElement>(Url("/api/batches/RPT-PDF/report"));
        Assert.All(report.GetProperty("completeness").EnumerateArray(), c => Assert.InRange(c.GetProperty("ratio").GetDouble(), 0.95, 1.0));
    }

    private async Task<Excursion> WaitForExcursionAsync(Func<Excursion, bool> condition, string what)
    {
        Excursion? found = null;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            var list = await _rig.Http.GetFromJsonAsync<List<Excursion>>(Url("/api/excursions?batch=RPT-PDF"), MonitorRig.Json, ct);
            found = list!.FirstOrDefault(condition);
            return found is not null;
        }, Patience, what);
        return found!;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
