using System.Net;
using System.Net.Http.Json;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>Issue 19 item 6 as a person meets it: an account an admin made must choose its own password at first sign-in.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccountTests(BrowserRig fixture)
{
    [Fact]
    public async Task FirstSignIn_PasswordSetByAdmin_LeadsToThePasswordPageThenToTheBoard()
    {
        var userName = $"pat-{Guid.NewGuid().ToString("N")[..6]}";
        using (var admin = await fixture.Rig.SignInAsync("admin"))
        {
            var created = await admin.PostAsJsonAsync(new Uri("/api/admin/users", UriKind.Relative),
                new { userName, printedName = "Pat Example", roles = new[] { "Viewer" }, password = MonitorRig.Password, reason = "access request AR-9" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Rig.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(MonitorRig.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("password-due")).ToBeVisibleAsync();
        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByTestId("password-due")).ToBeVisibleAsync();   // every page leads here until it is changed
        await page.GetByLabel("Current password").FillAsync(MonitorRig.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("abcdeabcde");
        await page.GetByLabel("New password again").FillAsync("abcdeabcde");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("form-error")).ToContainTextAsync("repeats");
        await page.GetByLabel("Current password").FillAsync(MonitorRig.Password);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("Tr7!kq-Lamp-Violet");
        await page.GetByLabel("New password again").FillAsync("Tr7!kq-Lamp-Violet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await page.WaitForURLAsync("**/audit");   // back where the person was going
        await Assertions.Expect(page.GetByTestId("password-due")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("printed-name")).ToHaveTextAsync("Pat Example");
        await BrowserRig.ScreenshotAsync(page, "account-password-changed");
        await context.DisposeAsync();
    }
}
