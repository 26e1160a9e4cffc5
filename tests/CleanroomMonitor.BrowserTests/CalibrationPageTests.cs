using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The calibration register pages (docs/instruments.md "Calibration register"): an engineer enters an
/// instrument, its calibration and a move; the register shows its state in words, and a bad entry is refused with a
/// message and stores nothing.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class CalibrationPageTests(BrowserRig fixture)
{
    [Fact]
    public async Task InstrumentPage_EnterAssetCalibrationAndMove_ShownInTheRegisterAndHistory()
    {
        var op = await fixture.SignInAsync("op");
        await op.GotoAsync("/instruments");
        await op.GetByRole(AriaRole.Link, new() { Name = "Instruments" }).First.ClickAsync();
        await op.Locator("tr[data-sensor='dp1'] a").ClickAsync();
        await Assertions.Expect(op.GetByTestId("calibration-state")).ToHaveTextAsync("not in the register");

        await op.Locator("#as-make").FillAsync("Setra");
        await op.Locator("#as-model").FillAsync("264");
        await op.Locator("#as-serial").FillAsync("SN-264-0042");
        await op.Locator("#as-loc").FillAsync("wall panel, airlock door");
        await op.Locator("#as-days").FillAsync("365");
        await op.Locator("#as-why").FillAsync("commissioned with the room");
        await op.GetByRole(AriaRole.Button, new() { Name = "Save register entry" }).ClickAsync();
        await Assertions.Expect(op.GetByTestId("notice")).ToHaveTextAsync("Register entry of dp1 saved.");
        await Assertions.Expect(op.GetByTestId("calibration-state")).ToHaveTextAsync("no calibration recorded");

        // A certificate dated in the future is refused with the reason, and nothing is stored.
        await op.Locator("#cal-at").FillAsync(DateTime.Now.AddDays(3).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await op.Locator("#cal-cert").FillAsync("CAL-FUTURE");
        await op.Locator("#cal-by").FillAsync("Metrology Ltd (J. Smith)");
        await op.GetByRole(AriaRole.Button, new() { Name = "Record calibration" }).ClickAsync();
        await Assertions.Expect(op.GetByTestId("error")).ToContainTextAsync("is in the future");
        await Assertions.Expect(op.Locator("[data-testid='calibrations'] tbody tr")).ToHaveCountAsync(0);

        await op.Locator("#cal-at").FillAsync(DateTime.Now.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await op.Locator("#cal-cert").FillAsync("CAL-2026-0815");
        await op.Locator("#cal-by").FillAsync("Metrology Ltd (J. Smith)");
        await op.GetByLabel("Result").SelectOptionAsync("Adjusted");
        await op.GetByRole(AriaRole.Button, new() { Name = "Record calibration" }).ClickAsync();
        await Assertions.Expect(op.GetByTestId("notice")).ToHaveTextAsync("Calibration CAL-2026-0815 (Adjusted) recorded.");
        await Assertions.Expect(op.GetByTestId("calibration-state")).ToContainTextAsync("current (due in 36");
        await Assertions.Expect(op.Locator("[data-testid='calibrations'] tbody tr")).ToContainTextAsync(["CAL-2026-0815"]);

        await op.Locator("#mv-to").FillAsync("wall panel, corridor side");
        await op.Locator("#mv-why").FillAsync("panel replaced during the shutdown");
        await op.GetByRole(AriaRole.Button, new() { Name = "Record move" }).ClickAsync();
        await Assertions.Expect(op.Locator("[data-testid='relocations'] tbody tr")).ToContainTextAsync(["wall panel, airlock doorwall panel, corridor sideoppanel replaced during the shutdown"]);
        await BrowserRig.ScreenshotAsync(op, "calibration-instrument");

        await op.GotoAsync("/instruments");
        await Assertions.Expect(op.Locator("tr[data-sensor='dp1'] [data-field='calibration-state']")).ToContainTextAsync("current (due in 36");
        await Assertions.Expect(op.Locator("tr[data-sensor='dp1']")).ToContainTextAsync("wall panel, corridor side");
        await BrowserRig.ScreenshotAsync(op, "calibration-register");
        await op.Context.CloseAsync();
    }
}
