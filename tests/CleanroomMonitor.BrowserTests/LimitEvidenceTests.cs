using System.Globalization;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>A limit change started from the alert-levels page and given replay evidence on its own page (docs/gmp.md
/// "Limit changes under change control"). A rig of its own: the change it proposes stays with the rig.</summary>
public sealed class LimitEvidenceTests(BrowserRig fixture) : IClassFixture<BrowserRig>
{
    [Fact]
    public async Task AlertLevelToChangeThenReplay_ThroughThePages_BothKeptAsEvidenceAndTheComparisonShown()
    {
        foreach (var value in (double[])[20.5, 21, 22.5])
        {
            await fixture.PublishTemperatureAsync(value);
        }
        await MonitorRig.WaitUntilAsync(async ct => await fixture.Rig.CountPointsAsync("WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature'", ct) >= 3,
            BrowserRig.Patience, "th1 temperatures stored");
        var qa = await fixture.SignInAsync("qa");

        // The page's default end is the current minute's start, before the readings just published.
        var to = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddMinutes(2), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"))
            .ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        await qa.GotoAsync($"/rooms/cr1/alert-levels?parameter=temperature&sensor=th1&state=at-rest&to={to}");
        await qa.GetByTestId("alert-proposal-start-change").ClickAsync();
        await Assertions.Expect(qa.GetByTestId("propose-from-alert")).ToBeVisibleAsync();
        // th1 has no limits of its own: its level's spec becomes the proposed alert band of the at-rest samples (the lowest and highest of three).
        await Assertions.Expect(qa.Locator("#lc-limits")).ToHaveValueAsync("""{"atRest":{"alert":{"low":20.5,"high":22.5}}}""");
        await qa.Locator("#lc-effective").FillAsync(DateTimeOffset.UtcNow.AddDays(7).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        await qa.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Assertions.Expect(qa.GetByTestId("change-state")).ToHaveTextAsync("Proposed, awaiting approval");
        await Assertions.Expect(qa.Locator("#evidence-title + h3")).ToContainTextAsync("alert-proposal");

        await qa.GetByTestId("change-replay-form").GetByRole(AriaRole.Button).ClickAsync();

        var replay = qa.Locator(".evidence-replay");
        await Assertions.Expect(replay.GetByTestId("replay-table")).ToBeVisibleAsync();
        await Assertions.Expect(replay.GetByTestId("replay-comparison")).ToContainTextAsync("with limit change");
        // One row per sensor parameter of cr1: pc1 (2), th1 (2), dp1 (1).
        await Assertions.Expect(replay.GetByTestId("replay-row")).ToHaveCountAsync(5);
        await Assertions.Expect(qa.GetByTestId("change-replay-form")).ToBeVisibleAsync();
        await BrowserRig.ScreenshotAsync(qa, "limit-evidence-replay");
    }
}
