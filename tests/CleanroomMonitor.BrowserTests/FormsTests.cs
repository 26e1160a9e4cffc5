using System.Net.Http.Json;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The operator's batch forms and the admin pages, driven through Chromium as people use them.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FormsTests(BrowserRig fixture)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task Batches_OperatorStartsAndEndsABatchThroughTheForms_AuditedWithReasons()
    {
        var number = Unique("BR");
        var op = await fixture.SignInAsync("op");
        await op.GotoAsync("/batches");

        await op.GetByLabel("Batch number").FillAsync(number);
        await op.GetByLabel("Product").FillAsync("Viral vector <lot 7>");
        await op.GetByLabel("Airlock, with a space").CheckAsync();
        await op.GetByLabel("Tenant").FillAsync("helix-bio");
        await op.GetByLabel("closed system").CheckAsync();
        await op.GetByLabel("Reason").FillAsync("MES down for maintenance; started by hand");
        await op.GetByRole(AriaRole.Button, new() { Name = "Start batch" }).ClickAsync();

        await Assertions.Expect(op.GetByRole(AriaRole.Heading, new() { Name = $"Batch {number}" })).ToBeVisibleAsync();
        await Assertions.Expect(op.GetByTestId("notice")).ToHaveTextAsync($"Batch {number} started in al1.");
        await Assertions.Expect(op.GetByTestId("batch-ended")).ToContainTextAsync("active");
        await Assertions.Expect(op.Locator("main h1")).ToContainTextAsync("Viral vector <lot 7>");
        await BrowserRig.ScreenshotAsync(op, "batch-started");

        await op.GetByRole(AriaRole.Button, new() { Name = "End batch" }).ClickAsync();   // without the confirmation: the browser refuses
        Assert.Contains("active", await op.GetByTestId("batch-ended").TextContentAsync(), StringComparison.Ordinal);
        await op.GetByLabel("Reason").FillAsync("filling complete");
        await op.GetByLabel($"I confirm that batch {number} has ended").CheckAsync();
        await op.GetByRole(AriaRole.Button, new() { Name = "End batch" }).ClickAsync();

        await Assertions.Expect(op.GetByTestId("notice")).ToHaveTextAsync($"Batch {number} ended.");
        await Assertions.Expect(op.GetByTestId("batch-ended")).ToContainTextAsync("UTC");
        await Assertions.Expect(op.GetByTestId("end-batch-form")).ToHaveCountAsync(0);
        await BrowserRig.ScreenshotAsync(op, "batch-ended");

        await op.GotoAsync($"/audit?entity={number}");
        var audit = op.GetByTestId("audit-table");
        await Assertions.Expect(audit).ToContainTextAsync("batch.started");
        await Assertions.Expect(audit).ToContainTextAsync("MES down for maintenance; started by hand");
        await Assertions.Expect(audit).ToContainTextAsync("batch.ended");
        await Assertions.Expect(audit).ToContainTextAsync("filling complete");
        await op.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_CreatesAUserAndAToken_UserSignsInAndTokenShownOnceWorks()
    {
        var userName = Unique("sam").ToLowerInvariant();
        var tokenName = Unique("mes-line");
        var admin = await fixture.SignInAsync("admin");
        await admin.GotoAsync("/");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();

        await admin.GetByLabel("User name").FillAsync(userName);
        await admin.GetByLabel("Printed name").FillAsync($"Test {userName}");
        await admin.GetByLabel("Operator", new() { Exact = true }).CheckAsync();
        await admin.GetByLabel("Initial password").FillAsync(MonitorRig.Password);
        await admin.GetByLabel("Reason").FillAsync("new starter, access request AR-12");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"User {userName}" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("account-state")).ToHaveTextAsync("Active");
        await BrowserRig.ScreenshotAsync(admin, "admin-user");
        var newUser = await fixture.SignInAsync(userName);
        await Assertions.Expect(newUser.Locator("header.top")).ToContainTextAsync("Operator · facility staff");
        await Assertions.Expect(newUser.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);

        await admin.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        var form = admin.GetByTestId("add-token-form");
        await form.GetByLabel("Name").FillAsync(tokenName);
        await form.GetByLabel("Operator", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Reason").FillAsync("MES integration for line 3");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        var secret = admin.GetByTestId("new-token-value");
        await Assertions.Expect(secret).ToBeVisibleAsync();
        var token = (await secret.TextContentAsync())!.Trim();
        Assert.StartsWith("crm_", token, StringComparison.Ordinal);
        await Assertions.Expect(admin.GetByTestId("tokens-table")).ToContainTextAsync(tokenName);
        await BrowserRig.ScreenshotAsync(admin, "admin-token");
        using var mes = new HttpClient { BaseAddress = fixture.Rig.BaseAddress };
        mes.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await mes.GetAsync(new Uri("/api/batches", UriKind.Relative))).StatusCode);

        await admin.GotoAsync("/admin/tokens");
        await Assertions.Expect(admin.GetByTestId("new-token-value")).ToHaveCountAsync(0);
        Assert.DoesNotContain(token, await admin.ContentAsync(), StringComparison.Ordinal);
        await admin.GetByLabel($"Reason for revoking token {tokenName}").FillAsync("test over");
        await admin.Locator($"tr:has-text('{tokenName}')").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("notice")).ToHaveTextAsync($"Token {tokenName} revoked.");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await mes.GetAsync(new Uri("/api/batches", UriKind.Relative))).StatusCode);
        await admin.Context.CloseAsync();
        await newUser.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_LeaseEndedAndChangedThroughTheRowForms_RefusalShownAndBothAudited()
    {
        // A lease planned a year ahead: the shared rig's other tests start batches in al1 now, which a current lease would refuse.
        var tenant = Unique("lessee").ToLowerInvariant();
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var from = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(400), berlin).DateTime.Date.AddHours(8);
        static string Local(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var admin = await fixture.SignInAsync("admin");
        await admin.GotoAsync("/admin/leases");
        await admin.GetByLabel("Room", new() { Exact = true }).SelectOptionAsync("al1");
        await admin.GetByLabel("Tenant").FillAsync(tenant);
        await admin.Locator("#lease-from").FillAsync(Local(from));
        await admin.Locator("#lease-reason").FillAsync("contract C-88");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Record lease" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("notice")).ToHaveTextAsync($"Room al1 leased to {tenant}.");
        var row = admin.Locator("tr[data-lease]", new() { HasText = tenant });
        await Assertions.Expect(row.GetByTestId("lease-state")).ToHaveTextAsync("planned");
        var id = await row.GetAttributeAsync("data-lease");

        await row.GetByLabel("New planned end").FillAsync(Local(from.AddDays(30)));
        await row.GetByLabel("Reason for changing the end").FillAsync("contract C-88 amended");
        await row.GetByRole(AriaRole.Button, new() { Name = "Set planned end" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("notice")).ToHaveTextAsync($"Lease of room al1 to {tenant} changed.");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToContainTextAsync(
            from.AddDays(30).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " Europe/Berlin");

        // Ending before the start would rewrite who held the room: refused, said on the page, nothing changed.
        await row.GetByLabel("End the lease").FillAsync(Local(from.AddDays(-1)));
        await row.GetByLabel("Reason for ending").FillAsync("typo");
        var refused = await admin.RunAndWaitForResponseAsync(() => row.GetByRole(AriaRole.Button, new() { Name = "End lease" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await Assertions.Expect(admin.GetByTestId("form-error")).ToContainTextAsync("must be after the lease's start");

        await row.GetByLabel("End the lease").FillAsync(Local(from.AddDays(10)));
        await row.GetByLabel("Reason for ending").FillAsync("tenant leaves early");
        await row.GetByRole(AriaRole.Button, new() { Name = "End lease" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("notice")).ToHaveTextAsync($"Lease of room al1 to {tenant} ended.");

        await admin.GotoAsync($"/audit?entity={id}");
        var audit = admin.GetByTestId("audit-table");
        await Assertions.Expect(audit).ToContainTextAsync("room.lease-changed");
        await Assertions.Expect(audit).ToContainTextAsync("contract C-88 amended");
        await Assertions.Expect(audit).ToContainTextAsync("room.lease-ended");
        await Assertions.Expect(audit).ToContainTextAsync("tenant leaves early");
        Assert.DoesNotContain("typo", await audit.TextContentAsync(), StringComparison.Ordinal);
        await admin.Context.CloseAsync();
    }
}
