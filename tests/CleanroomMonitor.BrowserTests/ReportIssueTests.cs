using System.Net.Http.Json;
using System.Security.Cryptography;
using CleanroomMonitor.IntegrationTests;
using CleanroomMonitor.Service.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The batch report page's "Review and approval" section: one QA person signs the review, a second signs the
/// approval, and the page then shows "Issued, version 1" with the frozen PDF's SHA-256 and a link to exactly that file.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReportIssueTests(BrowserRig fixture)
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task SignAsync(IPage page, string userName, string meaning)
    {
        await page.GetByLabel("Your user id").FillAsync(userName);   // the first signature of each session
        await page.GetByLabel("Your password").FillAsync(MonitorRig.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign “{meaning}”" }).ClickAsync();
    }

    [Fact]
    public async Task BatchReportPage_ReviewThenApprovalByAnotherQa_IssuedVersion1WithItsHashAndFrozenPdf()
    {
        // "Test qa2": SignInAsync checks the printed name "Test <user>". A second run on the same rig finds the account there.
        await fixture.Rig.App.Services.GetRequiredService<UserAccounts>()
            .CreateAsync(new NewUser("qa2", "Test qa2", ["QA"], null, MonitorRig.Password), "test", default, passwordChosenByHolder: true);
        const string number = "RI-PAGE-1";
        // In al1: ending a batch puts its room in clean-up, and the shared rig's other tests expect cr1 at rest.
        Assert.True((await fixture.Rig.Http.PostAsJsonAsync(Url("/api/batches"),
            new { number, product = "CAR-T", tenant = "helix-bio", rooms = new[] { "al1" }, process = "open" })).IsSuccessStatusCode);
        var qa = await fixture.SignInAsync("qa");
        await qa.GotoAsync($"/reports/batch/{number}");
        await Assertions.Expect(qa.GetByTestId("issue-wait")).ToContainTextAsync("still running");
        await Assertions.Expect(qa.GetByTestId("issue-form-review")).ToHaveCountAsync(0);
        Assert.True((await fixture.Rig.Http.PostAsync(Url($"/api/batches/{number}/end"), null)).IsSuccessStatusCode);

        await qa.ReloadAsync();   // the batch has ended: the review form is there now
        await Assertions.Expect(qa.GetByTestId("issue-status")).ToHaveTextAsync("Version 1: awaiting review");
        await Assertions.Expect(qa.GetByTestId("issue-wait")).ToHaveCountAsync(0);
        await SignAsync(qa, "qa", "reviewed");

        await Assertions.Expect(qa.GetByTestId("issue-status")).ToHaveTextAsync("Version 1: reviewed, awaiting approval");
        await Assertions.Expect(qa.GetByTestId("issue-reviewed")).ToContainTextAsync("Test qa (qa, QA)");
        await Assertions.Expect(qa.GetByTestId("issue-wait")).ToContainTextAsync("another QA person approves it");
        await Assertions.Expect(qa.GetByTestId("issue-form-approve")).ToHaveCountAsync(0);
        await BrowserRig.ScreenshotAsync(qa, "report-issue-reviewed-page");
        await qa.GetByTestId("report-issue").ScreenshotAsync(new() { Path = Path.Combine(BrowserRig.ScreenshotDirectory, "report-issue-reviewed.png") });

        var qa2 = await fixture.SignInAsync("qa2");
        await qa2.GotoAsync($"/reports/batch/{number}#review-and-approval");
        await qa2.GetByLabel("Comment").FillAsync("environment within limits; no open excursion");
        await SignAsync(qa2, "qa2", "approved");

        await Assertions.Expect(qa2.GetByTestId("issue-status")).ToHaveTextAsync("Issued, version 1");
        await Assertions.Expect(qa2.GetByTestId("issue-approved")).ToContainTextAsync("Test qa2 (qa2, QA)");
        await Assertions.Expect(qa2.GetByTestId("issued-pdf-1")).ToBeVisibleAsync();
        await Assertions.Expect(qa2.GetByTestId("issue-form-reissue")).ToBeVisibleAsync();   // the next step is a new version, with a reason
        var shown = await qa2.GetByTestId("issued-versions").Locator("code.hash").InnerTextAsync();
        var pdf = await qa2.APIRequest.GetAsync($"/api/batches/{number}/report/issues/1.pdf");
        Assert.Equal(200, pdf.Status);
        Assert.Equal(shown, Convert.ToHexStringLower(SHA256.HashData(await pdf.BodyAsync())));
        var print = await qa2.APIRequest.GetAsync($"/api/batches/{number}/report.pdf");
        Assert.Equal(await pdf.BodyAsync(), await print.BodyAsync());
        await BrowserRig.ScreenshotAsync(qa2, "report-issue-issued-page");
        await qa2.GetByTestId("report-issue").ScreenshotAsync(new() { Path = Path.Combine(BrowserRig.ScreenshotDirectory, "report-issue-issued.png") });

        await qa.Context.CloseAsync();
        await qa2.Context.CloseAsync();
    }
}
