using System.Globalization;
using System.Net.Http.Json;
using CleanroomMonitor.IntegrationTests;
using CleanroomMonitor.Service.AlertLevels;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The room's alert-levels page: a proposal from stored particle counts, in words (docs/excursions.md
/// "Proposing alert levels from data").</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AlertProposalTests(BrowserRig fixture)
{
    private static readonly TimeZoneInfo Site = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task AlertLevelsPage_ParticleCounts_ShowsTheProposalInWordsAsTheApiComputesIt()
    {
        // 120 one-minute samples five days ago (clear of the other tests' live readings on pc1): counts 0,3,0,1,0,3,0 repeated.
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.AddDays(-5).UtcDateTime.Date.AddHours(9), TimeSpan.Zero);
        long[] pattern = [0, 3, 0, 1, 0, 3, 0];
        for (var i = 0; i < 120; i++)
        {
            await fixture.Rig.PublishAsync(MonitorRig.Topic("cr1", "pc1"),
                $$$"""{"ts":"{{{start.AddMinutes(i):O}}}","counts":{"particles_0_5um":{{{pattern[i % 7]}}},"particles_5_0um":0},"volume_l":28.3}""");
        }
        var (from, to) = (start.AddMinutes(-1), start.AddMinutes(121));
        var api = new Uri($"/api/rooms/cr1/alert-proposal?parameter=particles_0_5um&sensor=pc1&state=at-rest&from={Iso(from)}&to={Iso(to)}", UriKind.Relative);
        AlertProposalView? expected = null;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            using var response = await fixture.Rig.Http.GetAsync(api, ct);
            expected = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<AlertProposalView>(MonitorRig.Json, ct) : null;
            return expected?.N == 120;
        }, BrowserRig.Patience, "all 120 samples stored", () => expected?.N);

        var page = await fixture.SignInAsync("qa");
        await page.GotoAsync("/rooms/cr1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Alert levels from data" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alert levels from data · Suite 1" })).ToBeVisibleAsync();
        await page.GetByLabel("Parameter").SelectOptionAsync("particles_0_5um");
        await page.GetByLabel("Sensor").SelectOptionAsync("pc1");
        await page.GetByLabel("Room state").SelectOptionAsync("at-rest");
        await page.GetByLabel("From (site time)").FillAsync(SiteInput(from));
        await page.GetByLabel("To (site time)").FillAsync(SiteInput(to));
        await page.GetByTestId("alert-proposal-submit").ClickAsync();

        var summary = page.GetByTestId("alert-proposal-summary");
        await Assertions.Expect(summary).ToHaveTextAsync(expected!.Summary);
        await Assertions.Expect(summary).ToContainTextAsync("negative binomial fit, n = 120");
        await Assertions.Expect(summary).ToContainTextAsync("— action limit 3\u202F520 /m³");
        await Assertions.Expect(page.Locator("[data-side=high] [data-field=value]"))
            .ToHaveTextAsync(expected.Levels.Single().Value!.Value.ToString(CultureInfo.InvariantCulture) + " /m³");
        await Assertions.Expect(page.GetByTestId("alert-proposal-warning")).ToHaveCountAsync(0);
        await BrowserRig.ScreenshotAsync(page, "alert-proposal-particles");
        // The form and the result as an Operator or QA sees them (the accessibility sweep visits the page as admin and tenant: no form).
        Assert.Empty((await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id + ": " + v.Help));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AlertLevelsPage_BadPeriod_SaysWhatIsWrong()
    {
        var page = await fixture.SignInAsync("op");

        var response = await page.GotoAsync("/rooms/cr1/alert-levels?parameter=temperature&state=at-rest&from=2026-03-01T00:00&to=2026-02-01T00:00");

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.GetByTestId("alert-proposal-error")).ToContainTextAsync("must be before");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AlertLevelsPage_Viewer_GetsNoForm()
    {
        var page = await fixture.SignInAsync("viewer");

        await page.GotoAsync("/rooms/cr1/alert-levels");

        await Assertions.Expect(page.GetByTestId("alert-proposal-denied")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("alert-proposal-form")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private static string SiteInput(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Site).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
