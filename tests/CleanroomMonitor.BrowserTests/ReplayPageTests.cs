using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The room's replay page (docs/excursions.md "Replaying history under other limits"): a proposed value replayed
/// over the stored period, shown side by side; a bad period is refused with its reason next to the form.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReplayPageTests(BrowserRig fixture)
{
    [Fact]
    public async Task Replay_ProposedTemperatureAlert_SideBySideTableWithTheRoomsSensors()
    {
        // 23.5 °C is above cr1's alert level 23 (the rig's facility): an alert under the current limits, none at 24.
        await fixture.PublishTemperatureAsync(23.5);
        await fixture.PublishTemperatureAsync(21);
        await MonitorRig.WaitUntilAsync(async ct => await fixture.Rig.CountPointsAsync("WHERE \"sensor\" = 'th1'", ct) >= 2, BrowserRig.Patience, "th1 readings stored");
        var page = await fixture.SignInAsync("qa");

        await page.GotoAsync("/rooms/cr1/replay");
        await page.GetByLabel("Change the limits of").SelectOptionAsync("room");
        await page.GetByLabel("Parameter").SelectOptionAsync("temperature");
        await page.GetByLabel("Alert high").FillAsync("24");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();

        var table = page.GetByTestId("replay-table");
        await Assertions.Expect(table).ToBeVisibleAsync();
        // One row per sensor parameter of cr1: pc1 (2), th1 (2), dp1 (1).
        await Assertions.Expect(page.GetByTestId("replay-row")).ToHaveCountAsync(5);
        await Assertions.Expect(page.GetByTestId("replay-comparison")).ToContainTextAsync("+proposed-");
        // The 23.5 °C alert is raised under the current limits only: its row stands out and its instant is listed.
        await Assertions.Expect(page.Locator("tr.replay-differs")).ToContainTextAsync("temperature");
        await Assertions.Expect(page.GetByTestId("replay-differences")).ToContainTextAsync("current limits only");
        await BrowserRig.ScreenshotAsync(page, "replay-comparison");
    }

    [Fact]
    public async Task Replay_PeriodEndingBeforeItStarts_RefusedWithTheReason()
    {
        var page = await fixture.SignInAsync("qa");

        await page.GotoAsync("/rooms/cr1/replay");
        await page.Locator("#replay-from").FillAsync("2026-11-02T00:00");
        await page.Locator("#replay-to").FillAsync("2026-11-01T00:00");
        await page.GetByLabel("Alert high").FillAsync("24");
        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("form-error")).ToContainTextAsync("must end after it starts");
        await Assertions.Expect(page.GetByTestId("replay-table")).ToHaveCountAsync(0);
        await BrowserRig.ScreenshotAsync(page, "replay-refused");
    }
}
