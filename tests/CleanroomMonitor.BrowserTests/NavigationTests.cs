using System.Net;
using System.Net.Http.Json;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The Rooms and Reports menus, the not-found page, and batch numbers with awkward characters followed
/// through the page links (GMP issue "navigation and dead ends").</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class NavigationTests(BrowserRig fixture)
{
    private async Task StartBatchAsync(string number, string tenant = "T") =>
        Assert.Equal(HttpStatusCode.Created, (await fixture.Rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number, product = "P", tenant, rooms = new[] { "al1" }, process = "closed" })).StatusCode);

    [Fact]
    public async Task Menus_RoomsAndReports_ListWhatTheUserMaySeeAndLinkOn()
    {
        await StartBatchAsync("NAV-REPORT-1");
        var page = await fixture.SignInAsync("op");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Rooms" }).ClickAsync();
        var cr1 = page.Locator("[data-testid=rooms-table] tr[data-room='cr1']");
        await Assertions.Expect(cr1).ToContainTextAsync("Grade B");
        await Assertions.Expect(cr1.Locator("[data-field=state]")).ToHaveTextAsync("at rest");
        await Assertions.Expect(page.Locator("nav a[aria-current=page]")).ToHaveTextAsync("Rooms");
        await BrowserRig.ScreenshotAsync(page, "navigation-rooms");
        await cr1.GetByRole(AriaRole.Link, new() { Name = "Suite 1" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/rooms/cr1$"));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        var row = page.Locator("[data-testid=running-reports] tr", new() { HasText = "NAV-REPORT-1" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Periodic reports" })).ToBeVisibleAsync();
        await BrowserRig.ScreenshotAsync(page, "navigation-reports");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Floor plan" })).ToHaveAttributeAsync("href", "/floor-plan");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/excursions/00000000-0000-0000-0000-000000000001", "/excursions")]
    [InlineData("/batches/NO-SUCH-BATCH", "/batches")]
    [InlineData("/rooms/no-such-room", "/rooms")]
    [InlineData("/reports/batch/NO-SUCH-BATCH", "/reports")]
    [InlineData("/qualification/run/no-such-run", "/qualification")]
    [InlineData("/no/such/page", "/")]
    public async Task NotFound_UnknownRecord_PageWithNavigationAndStatus404(string path, string back)
    {
        var page = await fixture.SignInAsync("op");

        var response = await page.GotoAsync(path);

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found or not visible to you" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("not-found-back")).ToHaveAttributeAsync("href", back);
        if (path.StartsWith("/batches", StringComparison.Ordinal))
        {
            await BrowserRig.ScreenshotAsync(page, "navigation-not-found");
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task NotFound_OtherTenantsBatch_SameAnswerAsAMissingOne()
    {
        await StartBatchAsync("NAV-CELLCO-1", "cellco");
        var page = await fixture.SignInAsync("helix-op");

        var other = await page.GotoAsync("/batches/NAV-CELLCO-1");
        var otherText = await page.Locator("main").InnerTextAsync();
        var missing = await page.GotoAsync("/batches/NAV-NONE-1");

        Assert.Equal(404, other!.Status);
        Assert.Equal(404, missing!.Status);
        Assert.Equal(otherText.Replace("NAV-CELLCO-1", "X", StringComparison.Ordinal),
            (await page.Locator("main").InnerTextAsync()).Replace("NAV-NONE-1", "X", StringComparison.Ordinal));
        var api = await fixture.Rig.Http.GetAsync(new Uri("/api/batches/NAV-NONE-1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("<html", await api.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AuditTrail_SignIn_ShowsThePersonAndTheRoleName()
    {
        var page = await fixture.SignInAsync("op");

        await page.GotoAsync("/audit?action=user.login&user=op");

        var first = page.Locator("[data-testid=audit-table] tbody tr").First;
        await Assertions.Expect(first.Locator("[data-field=person]")).ToHaveTextAsync("Test op (op)");
        await Assertions.Expect(first.Locator("[data-field=role]")).ToHaveTextAsync("Operator");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("LOT 2026/014")]
    [InlineData("LOT #7?x=1")]
    [InlineData("50%2F done")]
    [InlineData("A/B/../C")]
    public async Task BatchNumber_AwkwardCharacters_EveryLinkRoundTrips(string number)
    {
        await StartBatchAsync(number);
        var page = await fixture.SignInAsync("op");
        await page.GotoAsync("/batches");

        await page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Batch " + number);
        await page.GetByRole(AriaRole.Link, new() { Name = "Batch EM report" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(number);
        foreach (var name in new[] { "Download CSV", "Download PDF" })
        {
            var href = await page.GetByRole(AriaRole.Link, new() { Name = name }).GetAttributeAsync("href");
            var answer = await page.Context.APIRequest.GetAsync(href!);
            Assert.True(answer.Status is 200 or 501, $"{name} {href}: {answer.Status}");   // 501: no Chromium for the PDF on this server
        }
        if (number.Contains('/', StringComparison.Ordinal) && !number.Contains("..", StringComparison.Ordinal))
        {
            await BrowserRig.ScreenshotAsync(page, "navigation-batch-with-slash");
        }
        await page.Context.CloseAsync();
    }
}
