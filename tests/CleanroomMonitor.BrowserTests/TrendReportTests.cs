using System.Globalization;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The room trend report page (/reports/trend/{room}): the figures of a period holding an excursion, a chart per
/// parameter, QA's signed review shown as "Reviewed by … on …", the links from the Reports page, and a bad period's reason.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class TrendReportTests(BrowserRig fixture)
{
    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task TrendReportPage_PeriodWithAnExcursion_ShowsFiguresAndChartsAndQaSignsTheReview()
    {
        var start = fixture.Rig.NextInstant().AddSeconds(-1);
        await fixture.PublishTemperatureAsync(21);
        var id = await fixture.RaiseTemperatureExcursionAsync();
        await fixture.ReturnToNormalAsync(id, "ReturnedUnacknowledged");
        var end = fixture.Rig.NextInstant().AddMilliseconds(1);
        await MonitorRig.WaitUntilAsync(_ => Task.FromResult(DateTimeOffset.UtcNow > end), TimeSpan.FromSeconds(5), "the period's end to pass");
        var qa = await fixture.SignInAsync("qa");

        await qa.GotoAsync($"/reports/trend/cr1?from={Iso(start)}&to={Iso(end)}");

        var report = qa.GetByTestId("trend-report");
        await Assertions.Expect(report).ToContainTextAsync("Environmental-monitoring trend report");
        await Assertions.Expect(report.Locator("table").First).ToContainTextAsync("temperature");
        await Assertions.Expect(report.Locator("svg.chart").First).ToBeVisibleAsync();
        await Assertions.Expect(qa.GetByTestId("trend-review-block")).ToContainTextAsync("not yet reviewed");
        await BrowserRig.ScreenshotAsync(qa, "trend-report-page");
        await qa.ScreenshotAsync(new() { Path = Path.Combine(BrowserRig.ScreenshotDirectory, "trend-report-first-screen.png") });   // small, for docs/reports.md

        await qa.GetByLabel("Comment").FillAsync("temperature excursion assessed under its own record; no adverse trend");
        await qa.GetByLabel("Your user id").FillAsync("qa");   // the first signature of the session
        await qa.GetByLabel("Your password").FillAsync(MonitorRig.Password);
        await qa.GetByRole(AriaRole.Button, new() { Name = "Sign “reviewed”" }).ClickAsync();

        await Assertions.Expect(qa.GetByTestId("trend-review")).ToContainTextAsync("Reviewed by Test qa (qa, QA) on");
        await Assertions.Expect(qa.GetByTestId("trend-review")).ToContainTextAsync("meaning “reviewed”");
        await Assertions.Expect(qa.GetByTestId("trend-review-form")).ToHaveCountAsync(0);
        await Assertions.Expect(qa.GetByTestId("figures-changed")).ToHaveCountAsync(0);
        await qa.GetByTestId("trend-review-block").ScreenshotAsync(new() { Path = Path.Combine(BrowserRig.ScreenshotDirectory, "trend-report-review.png") });
        await qa.Context.CloseAsync();
    }

    [Fact]
    public async Task ReportsPage_TrendReportLinks_OpenPreviousMonthOfARoom()
    {
        var viewer = await fixture.SignInAsync("qa");
        await viewer.GotoAsync("/reports");
        await Assertions.Expect(viewer.GetByTestId("trend-reports")).ToContainTextAsync("cr1");

        await viewer.GetByTestId("trend-previous-cr1").ClickAsync();

        await Assertions.Expect(viewer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reports/trend/cr1\\?month=\\d{4}-\\d{2}$"));
        await Assertions.Expect(viewer.GetByTestId("trend-report")).ToContainTextAsync("Data completeness");
        await viewer.Context.CloseAsync();
    }

    [Fact]
    public async Task TrendReportPage_BadMonth_ShowsTheReason()
    {
        var page = await fixture.SignInAsync("op");

        var response = await page.GotoAsync("/reports/trend/cr1?month=2026-13");

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.GetByTestId("trend-problem")).ToContainTextAsync("not a month in the form yyyy-MM");
        await page.Context.CloseAsync();
    }
}
