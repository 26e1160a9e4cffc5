using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The continuous signing session on the excursion page (21 CFR 11.200(a)(1)): the session's first signature
/// form asks for the user id and the password, the next one in the same session for the password only.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class SigningSessionPagesTests(BrowserRig fixture)
{
    [Fact]
    public async Task ExcursionDetail_FirstSignatureNeedsUserId_NextInTheSameSessionPasswordOnly()
    {
        var id = await fixture.RaiseTemperatureExcursionAsync();
        var op = await fixture.SignInAsync("op");
        await op.GotoAsync($"/excursions/{id}");
        await Assertions.Expect(op.GetByLabel("Your user id")).ToBeVisibleAsync();
        await Assertions.Expect(op.GetByLabel("User id (shelving signature)")).ToBeVisibleAsync();

        // The server refuses a first signature without the user id even when the browser's "required" is bypassed.
        await op.Locator("#shelve-user").EvaluateAsync("e => e.removeAttribute('required')");
        await op.GetByLabel("Shelving reason").FillAsync("probe recalibration WO-21");
        await op.GetByLabel("Shelve for").SelectOptionAsync("15");
        await op.GetByLabel("Password (shelving signature)").FillAsync(MonitorRig.Password);
        await op.GetByRole(AriaRole.Button, new() { Name = "Sign and shelve" }).ClickAsync();
        await Assertions.Expect(op.GetByTestId("form-error")).ToHaveTextAsync("first signature in this session: enter your user id and password");
        Assert.Equal("Unacknowledged", await fixture.StatusAsync(id));

        await op.GetByLabel("User id (shelving signature)").FillAsync("op");
        await op.GetByLabel("Password (shelving signature)").FillAsync(MonitorRig.Password);
        await op.GetByRole(AriaRole.Button, new() { Name = "Sign and shelve" }).ClickAsync();
        await Assertions.Expect(op.GetByTestId("status")).ToHaveTextAsync("Shelved, active, not yet acknowledged");

        // Same session, within Security:SigningSessionIdle: the acknowledge form asks for the password only.
        await Assertions.Expect(op.GetByLabel("Your user id")).ToHaveCountAsync(0);
        await op.GetByLabel("Assignable cause").SelectOptionAsync("sensor or instrument fault");
        await op.GetByLabel("Comment").FillAsync("probe drift, recalibrated");
        await op.GetByLabel("Your password").FillAsync(MonitorRig.Password);
        await op.GetByRole(AriaRole.Button, new() { Name = "Sign and acknowledge" }).ClickAsync();
        await Assertions.Expect(op.GetByTestId("ack-signature")).ToContainTextAsync("password re-entered (continuous signing session)");

        await op.Context.CloseAsync();
        await fixture.ReturnToNormalAsync(id, "ReturnedToNormal");   // the shared rig's next test raises a fresh excursion
    }
}
