using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CleanroomMonitor.IntegrationTests;
using CleanroomMonitor.Storage.Records;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

[Collection(BrowserTestGroup.Name)]
public sealed partial class PagesTests(BrowserRig fixture)
{
    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();

    [Fact]
    public async Task Login_UnauthenticatedThenWrongThenRightPassword_RedirectsShowsErrorThenSignsIn()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Rig.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/audit");
        await Assertions.Expect(page).ToHaveURLAsync(LoginUrl());
        await page.GetByLabel("User name").FillAsync("op");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("user name or password is wrong");
        await BrowserRig.ScreenshotAsync(page, "login-failed");

        await page.GetByLabel("Password").FillAsync(MonitorRig.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail" })).ToBeVisibleAsync();   // back where it started
        await Assertions.Expect(page.GetByTestId("printed-name")).ToHaveTextAsync("Test op");
        await Assertions.Expect(page.Locator("header.top")).ToContainTextAsync("Operator · facility staff");
        await context.CloseAsync();
    }

    [Fact]
    public async Task LiveBoard_ReadingPublished_TileChangesWithoutReload()
    {
        var page = await fixture.SignInAsync("viewer");
        await page.GotoAsync("/");
        var row = page.Locator("tr[data-key='th1/temperature']");
        await Assertions.Expect(page.Locator("#live-text")).ToHaveTextAsync("Live");
        await page.EvaluateAsync("() => { window.__noReload = 'still here'; }");

        await fixture.PublishTemperatureAsync(21.7);

        await Assertions.Expect(row.Locator("[data-field=value]")).ToHaveTextAsync("21.7");
        await Assertions.Expect(row).ToHaveClassAsync("lv-normal");
        await Assertions.Expect(row.Locator("[data-field=limits]")).ToHaveTextAsync("Alert range 18.0–23.0 °C · Action range 16.0–25.0 °C");
        await fixture.PublishTemperatureAsync(23.4);
        await Assertions.Expect(row.Locator("[data-field=value]")).ToHaveTextAsync("23.4");
        await Assertions.Expect(row).ToHaveClassAsync("lv-alert");
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        await Assertions.Expect(page.Locator(".tile[data-room='cr1']")).ToContainTextAsync("Grade B");
        await Assertions.Expect(page.Locator(".tile[data-room='cr1'] [data-field=state]")).ToHaveTextAsync("at rest");
        await BrowserRig.ScreenshotAsync(page, "live-board");
        await fixture.PublishTemperatureAsync(21);
        await Assertions.Expect(row).ToHaveClassAsync("lv-normal");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Excursion_AcknowledgeAndCloseThroughTheForms_SignaturesShownAndScriptCommentIsText()
    {
        var id = await fixture.RaiseTemperatureExcursionAsync();
        var op = await fixture.SignInAsync("op");
        var dialogs = 0;
        op.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await op.GotoAsync("/excursions?room=cr1");
        await op.Locator($"a[href='/excursions/{id}']").ClickAsync();
        await Assertions.Expect(op.GetByTestId("status")).ToHaveTextAsync("Active, not yet acknowledged");
        await op.GetByLabel("Assignable cause").SelectOptionAsync("HVAC or filter");
        await op.GetByLabel("Comment").FillAsync("<script>alert('x')</script> supply fan tripped");
        await op.GetByLabel("Immediate action taken").FillAsync("fan restarted, room checked");
        await op.GetByLabel("Your user id").FillAsync("op");   // the session's first signature: user id and password
        await op.GetByLabel("Your password").FillAsync(MonitorRig.Password);
        await op.GetByRole(AriaRole.Button, new() { Name = "Sign and acknowledge" }).ClickAsync();

        var ack = op.GetByTestId("ack-signature");
        await Assertions.Expect(ack).ToContainTextAsync("Signed by Test op");
        await Assertions.Expect(ack).ToContainTextAsync("meaning: acknowledged");
        await Assertions.Expect(ack).ToContainTextAsync("Europe/Berlin");
        await Assertions.Expect(ack).ToContainTextAsync("UTC");
        await Assertions.Expect(op.GetByTestId("ack-comment")).ToHaveTextAsync("<script>alert('x')</script> supply fan tripped");
        Assert.Equal(0, await op.Locator("[data-testid=ack-comment] script").CountAsync());
        Assert.Equal(0, dialogs);
        await Assertions.Expect(op.GetByTestId("acknowledge-form")).ToHaveCountAsync(0);
        await Assertions.Expect(op.GetByTestId("close-form")).ToHaveCountAsync(0);   // an operator cannot close

        await fixture.ReturnToNormalAsync(id, "ReturnedToNormal");
        var qa = await fixture.SignInAsync("qa");
        await qa.GotoAsync($"/excursions/{id}");
        await qa.GetByLabel("Deviation or investigation reference").FillAsync("DEV-2026-042");
        await qa.GetByLabel("CAPA reference").FillAsync("CAPA-7");
        await qa.GetByLabel("Comment").FillAsync("No batch in the room; HVAC fault corrected.");
        await qa.GetByLabel("Your user id").FillAsync("qa");
        await qa.GetByLabel("Your password").FillAsync("wrong password");
        await qa.GetByRole(AriaRole.Button, new() { Name = "Sign and close" }).ClickAsync();
        await Assertions.Expect(qa.GetByTestId("form-error")).ToHaveTextAsync("the password is wrong: 2 attempts left before your account locks");
        await qa.GetByLabel("Your password").FillAsync(MonitorRig.Password);
        await qa.GetByRole(AriaRole.Button, new() { Name = "Sign and close" }).ClickAsync();

        await Assertions.Expect(qa.GetByTestId("status")).ToHaveTextAsync("Closed");
        var closure = qa.GetByTestId("close-signature");
        await Assertions.Expect(closure).ToContainTextAsync("Signed by Test qa");
        await Assertions.Expect(closure).ToContainTextAsync("meaning: reviewed and closed");
        await Assertions.Expect(closure).ToContainTextAsync("DEV-2026-042");
        await Assertions.Expect(qa.GetByTestId("ack-signature")).ToContainTextAsync("Signed by Test op");
        await BrowserRig.ScreenshotAsync(qa, "excursion-closed");
        Assert.Equal("Closed", await fixture.StatusAsync(id));
        await op.Context.CloseAsync();
        await qa.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_UnderTheContentSecurityPolicy_BrowserRefusesNothing()
    {
        var id = await fixture.RaiseTemperatureExcursionAsync();
        // In al1 and ended at once: the shared rig's other tests expect cr1 at rest.
        (await fixture.Rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative), new { number = "CSP-PAGE-1", product = "P", tenant = "T", rooms = new[] { "al1" }, process = "closed" })).EnsureSuccessStatusCode();
        (await fixture.Rig.Http.PostAsJsonAsync(new Uri("/api/batches/CSP-PAGE-1/end", UriKind.Relative), new { })).EnsureSuccessStatusCode();
        const string report = "<!DOCTYPE html><html><head><title>OQ</title></head><body><p>OQ</p></body></html>";
        (await fixture.Rig.Http.PostAsJsonAsync(new Uri("/api/qualification/runs", UriKind.Relative), new
        {
            runId = "CSP-OQ-1", protocol = "CRM-OQ", protocolVersion = "1", site = "S", facilityVersion = "f", startedAt = "2026-12-07T09:00:00Z",
            finishedAt = "2026-12-07T09:10:00Z", passed = false, stopped = false, rows = 2, rowsPassed = 1, scenarios = new[] { "A" },
            deviations = new[] { new { number = "DEV-01", kind = "failed row", requirement = "R-1", scenario = "A", detail = "d" } },
            reportHtml = report, reportCsv = "", reportSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(report))),
        })).EnsureSuccessStatusCode();
        var admin = await fixture.SignInAsync("admin");
        var qa = await fixture.SignInAsync("qa");
        var refused = new List<string>();
        foreach (var page in new[] { admin, qa })
        {
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
                {
                    refused.Add($"{page.Url}: {message.Text}");
                }
            };
        }

        foreach (var path in new[] { "/", "/excursions", $"/excursions/{id}", "/rooms/cr1", "/batches", "/batches/CSP-PAGE-1", "/reports/batch/CSP-PAGE-1", "/audit", "/qualification",
                     "/qualification/run/CSP-OQ-1" })
        {
            await qa.GotoAsync(path);
            await qa.WaitForLoadStateAsync(LoadState.Load);
        }
        foreach (var path in new[] { "/admin/users", "/admin/tokens", "/admin/leases" })
        {
            await admin.GotoAsync(path);
            await admin.WaitForLoadStateAsync(LoadState.Load);
        }

        Assert.True(refused.Count == 0, string.Join(Environment.NewLine, refused));
        await admin.Context.CloseAsync();
        await qa.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_ExcursionDetail_NoAcknowledgeFormAndDirectPostRefused()
    {
        var id = await fixture.RaiseTemperatureExcursionAsync();
        var viewer = await fixture.SignInAsync("viewer");
        await viewer.GotoAsync($"/excursions/{id}");
        await Assertions.Expect(viewer.GetByTestId("status")).ToHaveTextAsync("Active, not yet acknowledged");
        await Assertions.Expect(viewer.GetByTestId("acknowledge-form")).ToHaveCountAsync(0);
        await BrowserRig.ScreenshotAsync(viewer, "excursion-viewer");

        // A hand-made POST with a valid antiforgery token of the viewer's own session (from the sign-out form).
        var token = await viewer.Locator("form[action='/logout'] input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        var form = viewer.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("Acknowledge.Cause", "HVAC or filter");
        form.Set("Acknowledge.Comment", "trying anyway");
        form.Set("Acknowledge.Password", MonitorRig.Password);
        var response = await viewer.Context.APIRequest.PostAsync($"/excursions/{id}?handler=Acknowledge", new() { Form = form });

        Assert.Equal(403, response.Status);
        Assert.Equal("Unacknowledged", await fixture.StatusAsync(id));

        // Without the antiforgery token even a permitted role is refused (400).
        var op = await fixture.SignInAsync("op");
        var forged = op.Context.APIRequest.CreateFormData();
        forged.Set("Acknowledge.Cause", "HVAC or filter");
        forged.Set("Acknowledge.Comment", "no token");
        forged.Set("Acknowledge.Password", MonitorRig.Password);
        Assert.Equal(400, (await op.Context.APIRequest.PostAsync($"/excursions/{id}?handler=Acknowledge", new() { Form = forged })).Status);
        Assert.Equal("Unacknowledged", await fixture.StatusAsync(id));

        await fixture.ReturnToNormalAsync(id, "ReturnedUnacknowledged");
        await viewer.Context.CloseAsync();
        await op.Context.CloseAsync();
    }

    [Fact]
    public async Task Audit_TamperedRow_VerifyButtonNamesTheFirstBadEntry()
    {
        var page = await fixture.SignInAsync("qa");
        await page.GotoAsync("/audit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the hash chain" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("verify-result")).ToContainTextAsync("Chain intact");

        var path = fixture.Rig.App.Services.GetRequiredService<IOptions<RecordsOptions>>().Value.Path;
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await db.OpenAsync();
        var trigger = (string)(await Scalar(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_no_update'"))!;
        var original = await Scalar(db, "SELECT reason FROM audit WHERE sequence = 2");
        await Execute(db, "DROP TRIGGER audit_no_update");
        await Execute(db, "UPDATE audit SET reason = 'changed behind the application''s back' WHERE sequence = 2");
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify the hash chain" }).ClickAsync();
            var result = page.GetByTestId("verify-result");
            await Assertions.Expect(result).ToContainTextAsync("Chain broken at entry #2");
            await BrowserRig.ScreenshotAsync(page, "audit-tampered");
        }
        finally
        {
            // Put the row and its guard back: the other tests share this record store.
            await using var restore = db.CreateCommand();
            restore.CommandText = "UPDATE audit SET reason = $reason WHERE sequence = 2";
            restore.Parameters.AddWithValue("$reason", original ?? DBNull.Value);
            await restore.ExecuteNonQueryAsync();
            await Execute(db, trigger);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify the hash chain" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("verify-result")).ToContainTextAsync("Chain intact");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Audit_CsvExport_HasTheFilteredEntries()
    {
        var page = await fixture.SignInAsync("admin");
        var response = await page.Context.APIRequest.GetAsync("/audit?handler=Csv&action=user.login");
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        var csv = await response.TextAsync();
        Assert.StartsWith("\uFEFFsequence,at_utc,at_site,user", csv, StringComparison.Ordinal);
        Assert.Contains("\"user.login\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\"excursion.raised\"", csv, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task RoomPage_TrendChart_DrawsLimitLinesFromInflux()
    {
        await fixture.PublishTemperatureAsync(20.5);
        await fixture.Rig.WaitForPointsAsync(1, BrowserRig.Patience, "WHERE \"sensor\" = 'th1' AND \"parameter\" = 'temperature'");
        var page = await fixture.SignInAsync("viewer");
        await page.GotoAsync("/rooms/cr1?hours=1");
        var chart = page.Locator("figure.trend", new() { HasText = "th1 · temperature" });
        await Assertions.Expect(chart.Locator("polyline.mean, circle.mean-dot")).Not.ToHaveCountAsync(0);   // a lone bucket is a dot
        await Assertions.Expect(chart.Locator("polyline.limit.alert")).ToHaveCountAsync(2);   // low and high: step lines since the trends work
        await Assertions.Expect(chart.Locator("polyline.limit.action")).ToHaveCountAsync(2);
        await BrowserRig.ScreenshotAsync(page, "room-trends");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheApiWithItsRoles()
    {
        var page = await fixture.SignInAsync("viewer");
        var response = await page.Context.APIRequest.GetAsync("/openapi.json");
        Assert.Equal(200, response.Status);
        var text = await response.TextAsync();
        Assert.Contains("/api/excursions/{id}/acknowledge", text, StringComparison.Ordinal);
        Assert.Contains("role Operator or QA", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/login\"", text, StringComparison.Ordinal);   // pages are not API
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Batches_StartedByMes_ListedWithDetailAndReportLink()
    {
        var started = await fixture.Rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number = "BT-<b>&1", product = "Buffer prep", tenant = "helix-bio", rooms = new[] { "al1" }, process = "closed" });
        Assert.Equal(System.Net.HttpStatusCode.Created, started.StatusCode);
        var page = await fixture.SignInAsync("viewer");

        await page.GotoAsync("/batches");
        await page.GetByRole(AriaRole.Link, new() { Name = "BT-<b>&1" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Batch BT-<b>&1" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Batch EM report" })).ToHaveAttributeAsync("href", "/reports/batch/BT-%3Cb%3E%261");
        await Assertions.Expect(page.Locator("main b")).ToHaveCountAsync(0);
        Assert.Equal(System.Net.HttpStatusCode.OK,
            (await fixture.Rig.Http.PostAsJsonAsync(new Uri("/api/batches/BT-%3Cb%3E%261/end", UriKind.Relative), new { })).StatusCode);
        await page.Context.CloseAsync();
    }

    private static async Task<object?> Scalar(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task Execute(SqliteConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
