using System.Globalization;
using CleanroomMonitor.IntegrationTests;
using CleanroomMonitor.Service.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>A limit change proposed and approved through the pages (docs/gmp.md "Limit changes under change control").
/// A rig of its own: the change narrows cr1's temperature limits, which the shared collection's tests word as the file has them.</summary>
public sealed class LimitChangeTests(BrowserRig fixture) : IClassFixture<BrowserRig>
{
    [Fact]
    public async Task ProposeThenApprove_ThroughThePages_InForceAtOnceAndShownOldToNew()
    {
        await fixture.Rig.App.Services.GetRequiredService<UserAccounts>()
            .CreateAsync(new NewUser("qa2", "Test qa2", ["QA"], null, MonitorRig.Password), "test", default, passwordChosenByHolder: true);
        var qa = await fixture.SignInAsync("qa");

        await qa.GotoAsync("/limits");
        await Assertions.Expect(qa.GetByTestId("limits-cr1")).ToContainTextAsync("Alert range 18.0–23.0 °C · Action range 16.0–25.0 °C");
        await qa.GetByTestId("propose-link").ClickAsync();
        var form = qa.GetByTestId("propose-form");
        await form.Locator("#lc-room").SelectOptionAsync("cr1");
        await form.Locator("#lc-parameter").SelectOptionAsync("temperature");
        await form.Locator("#lc-limits").FillAsync("""{ "alert": { "low": 18, "high": 22 }, "action": { "low": 16, "high": 25 }, "delay": "60s" }""");
        await form.Locator("#lc-reason").FillAsync("Trend review Q4: the suite runs at 20.5 °C");
        // Already past: in force from the approval.
        await form.Locator("#lc-effective").FillAsync(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Assertions.Expect(qa.GetByTestId("propose-error")).ToContainTextAsync("4.16");   // a delay needs a justification

        await form.Locator("#lc-limits").FillAsync("""{ "alert": { "low": 18, "high": 22 }, "action": { "low": 16, "high": 25 } }""");
        await form.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
        await Assertions.Expect(qa.GetByTestId("change-state")).ToHaveTextAsync("Proposed, awaiting approval");
        await Assertions.Expect(qa.GetByTestId("limit-compare")).ToContainTextAsync("Alert range 18.0–22.0 °C · Action range 16.0–25.0 °C");
        await Assertions.Expect(qa.GetByTestId("change-form-approve")).ToHaveCountAsync(0);   // not by the proposer
        await Assertions.Expect(qa.GetByTestId("change-form-withdraw")).ToBeVisibleAsync();
        await BrowserRig.ScreenshotAsync(qa, "limit-changes-proposal");
        var url = qa.Url;

        var qa2 = await fixture.SignInAsync("qa2");
        await qa2.GotoAsync(url);
        var approve = qa2.GetByTestId("change-form-approve");
        await approve.GetByLabel("Reason").FillAsync("matches the trend data");
        await approve.GetByLabel("Your user id").FillAsync("qa2");
        await approve.GetByLabel("Your password").FillAsync("not the password");
        await approve.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(qa2.GetByTestId("change-error")).ToBeVisibleAsync();
        await Assertions.Expect(qa2.GetByTestId("change-state")).ToHaveTextAsync("Proposed, awaiting approval");

        await approve.GetByLabel("Your user id").FillAsync("qa2");
        await approve.GetByLabel("Your password").FillAsync(MonitorRig.Password);
        await approve.GetByRole(AriaRole.Button).ClickAsync();

        await Assertions.Expect(qa2.GetByTestId("change-state")).ToHaveTextAsync("Effective");
        await Assertions.Expect(qa2.GetByTestId("change-decision")).ToContainTextAsync("approved by Test qa2");
        await Assertions.Expect(qa2.GetByTestId("change-effective")).ToContainTextAsync("in force from the approval");
        await BrowserRig.ScreenshotAsync(qa2, "limit-changes-approved");
        await qa2.GotoAsync("/limits");
        await Assertions.Expect(qa2.GetByTestId("limits-cr1")).ToContainTextAsync("Alert range 18.0–22.0 °C · Action range 16.0–25.0 °C");
        await Assertions.Expect(qa2.GetByTestId("limit-changes")).ToContainTextAsync("Effective");
        await BrowserRig.ScreenshotAsync(qa2, "limit-changes-limits");
    }
}
