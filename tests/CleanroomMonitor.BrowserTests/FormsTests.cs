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
}
