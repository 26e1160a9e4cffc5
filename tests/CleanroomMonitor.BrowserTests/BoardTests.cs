using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>A rig of the board tests' own: four rooms where the last in the file (Suite 2) is the one that alarms, a
/// one-minute session timeout (so a display's session is seen to outlast a person's without waiting 15 minutes), and a
/// fixed loopback port (so a display finds the service again after a restart). Sensors may be silent for an hour: the
/// tests publish when they need a value, and a data-gap excursion would otherwise reorder the board under them.</summary>
public sealed class BoardBrowserRig : BrowserRig
{
    public const string Facility = """
        {
          "site": { "id": "itest", "name": "Board test site", "timeZone": "Europe/Berlin" },
          "rooms": [
            { "id": "cor", "name": "Corridor", "grade": "D", "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } },
            { "id": "al1", "name": "Airlock 1", "grade": "C", "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } },
            { "id": "cr1", "name": "Suite 1", "grade": "B", "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } },
            { "id": "cr2", "name": "Suite 2", "grade": "B", "limits": { "temperature": { "alert": { "low": 18, "high": 23 }, "action": { "low": 16, "high": 25 } } } }
          ],
          "sensors": [
            { "id": "th-cor", "gapAfter": "1h", "room": "cor", "parameters": ["temperature"] },
            { "id": "th-al", "gapAfter": "1h", "room": "al1", "parameters": ["temperature"] },
            { "id": "th1", "gapAfter": "1h", "room": "cr1", "parameters": ["temperature"] },
            { "id": "th2", "gapAfter": "1h", "room": "cr2", "parameters": ["temperature"] }
          ]
        }
        """;

    protected override Task<MonitorRig> StartRigAsync() => MonitorRig.StartAsync(Facility, new Dictionary<string, string?>
    {
        ["Security:SessionTimeout"] = "00:01:00",
        ["Urls"] = "http://127.0.0.1:" + FreePort().ToString(CultureInfo.InvariantCulture),
    });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task PublishAsync(string room, string sensor, double value) =>
        Rig.PublishAsync(MonitorRig.Topic(room, sensor),
            $$$"""{"ts":"{{{Rig.NextInstant():O}}}","values":{"temperature":{{{value.ToString(CultureInfo.InvariantCulture)}}}}}""");

    /// <summary>Every room normal and reporting.</summary>
    public async Task AllNormalAsync()
    {
        foreach (var (room, sensor) in new[] { ("cor", "th-cor"), ("al1", "th-al"), ("cr1", "th1"), ("cr2", "th2") })
        {
            await PublishAsync(room, sensor, 21);
        }
    }
}

/// <summary>The live board's order, alarm strip and state bands, and display mode (docs/web.md "Live board" and
/// "Display mode"). Screenshots are named board-*.</summary>
public sealed partial class BoardTests(BoardBrowserRig fixture) : IClassFixture<BoardBrowserRig>
{
    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();

    private static Uri U(string path) => new(path, UriKind.Relative);

    private static async Task<string[]> TileOrderAsync(IPage page) =>
        await page.Locator(".board .tile").EvaluateAllAsync<string[]>("tiles => tiles.map(t => t.dataset.room)");

    [Fact]
    public async Task Board_ActionInTheLastRoomOfTheFile_FirstTileAndInTheAlarmStripLive()
    {
        await fixture.AllNormalAsync();
        var page = await fixture.SignInAsync("viewer");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("#live-text")).ToHaveTextAsync("Live");
        await Assertions.Expect(page.GetByTestId("alarm-strip")).ToContainTextAsync("No room is in alarm.");
        await page.EvaluateAsync("() => { window.__noReload = 'still here'; }");

        await fixture.PublishAsync("cr2", "th2", 26);

        var first = page.Locator(".board .tile").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-room", "cr2");
        await Assertions.Expect(first.Locator("[data-field=status-word]")).ToHaveTextAsync("ACTION");
        await Assertions.Expect(first).ToHaveClassAsync(new Regex("status-action"));
        await Assertions.Expect(page.Locator("#alarm-list li")).ToHaveTextAsync(["ACTION Suite 2"]);
        Assert.Equal(["cr2", "cor", "al1", "cr1"], await TileOrderAsync(page));
        await fixture.PublishAsync("cr1", "th1", 23.5);
        await Assertions.Expect(page.Locator("#alarm-list li")).ToHaveTextAsync(["ACTION Suite 2", "ALERT Suite 1"]);
        await Assertions.Expect(page.Locator(".board .tile").Nth(1)).ToHaveAttributeAsync("data-room", "cr1");
        Assert.Equal("still here", await page.EvaluateAsync<string>("() => window.__noReload"));
        await page.SetViewportSizeAsync(1400, 1000);
        await BrowserRig.ScreenshotAsync(page, "board-action-first");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserRig.ScreenshotDirectory, "board-first-screen.png") });

        await page.ReloadAsync();
        Assert.Equal(["cr2", "cr1", "cor", "al1"], await TileOrderAsync(page));   // the server renders the same order
        await fixture.AllNormalAsync();
        await Assertions.Expect(page.GetByTestId("alarm-strip")).ToContainTextAsync("No room is in alarm.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Board_SensorOutOfService_RoomNotFullyMonitoredWithTheReason()
    {
        await fixture.AllNormalAsync();
        using var op = await fixture.Rig.SignInAsync("op");
        var taken = await op.PostAsJsonAsync(U("/api/rooms/al1/out-of-service"),
            new { sensor = "th-al", expectedEnd = DateTimeOffset.UtcNow.AddHours(2), reason = "calibration WO-88" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var period = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var page = await fixture.SignInAsync("viewer");

        await page.GotoAsync("/");

        var tile = page.Locator(".tile[data-room='al1']");
        await Assertions.Expect(tile.Locator("[data-field=monitoring]")).ToHaveTextAsync("not fully monitored: th-al out of service");
        // An open excursion outranks "not fully monitored" (the service restart of the display test leaves one in every
        // room when it runs first); the reason stays on the band either way.
        var live = await fixture.Rig.Http.GetFromJsonAsync<JsonElement>(U("/api/live"));
        var open = live.GetProperty("rooms").EnumerateArray().First(r => r.GetProperty("id").GetString() == "al1").GetProperty("openExcursions").GetInt32();
        var othersOpen = live.GetProperty("rooms").EnumerateArray().Any(r => r.GetProperty("id").GetString() != "al1" && r.GetProperty("openExcursions").GetInt32() > 0);
        await Assertions.Expect(tile.Locator("[data-field=status-word]")).ToHaveTextAsync(open switch
        {
            0 => "NOT FULLY MONITORED",
            1 => "OPEN EXCURSION",
            _ => "OPEN EXCURSIONS",
        });
        await Assertions.Expect(tile).ToHaveClassAsync(new Regex(open == 0 ? "status-partial" : "status-open"));
        if (open == 0 && !othersOpen)
        {
            // Below alarms and open excursions, above normal rooms: first here, where every other room is normal.
            await Assertions.Expect(page.Locator(".board .tile").First).ToHaveAttributeAsync("data-room", "al1");
        }
        await tile.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserRig.ScreenshotDirectory, "board-not-fully-monitored.png") });

        (await op.PostAsJsonAsync(U($"/api/rooms/al1/out-of-service/{period}/return"), new { reason = "calibrated" })).EnsureSuccessStatusCode();
        await Assertions.Expect(tile.Locator("[data-field=status-word]")).Not.ToHaveTextAsync("NOT FULLY MONITORED");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Display_CreatedOpenedIdleRestartedRevoked_BoardOnlyOutlivesTheSessionTimeoutReconnectsAndEndsOnRevocation()
    {
        await fixture.AllNormalAsync();
        await fixture.PublishAsync("cr2", "th2", 26);
        var admin = await fixture.SignInAsync("admin");
        await admin.GotoAsync("/admin/tokens");
        await admin.GetByLabel("Display name").FillAsync("corridor-2-east");
        await admin.Locator("#display-reason").FillAsync("wall display in corridor 2, east end");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create display credential" }).ClickAsync();
        var address = (await admin.GetByTestId("new-display-address").TextContentAsync())!.Trim();
        Assert.StartsWith(fixture.Rig.BaseAddress.ToString().TrimEnd('/') + "/display/crm_", address, StringComparison.Ordinal);
        await admin.GetByTestId("new-display").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserRig.ScreenshotDirectory, "board-display-created.png") });
        await admin.Context.CloseAsync();
        // A person signed in now, whose browser stays idle: after the one-minute timeout, only the display is still in.
        var personCookie = await SessionCookieAsync("viewer");

        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, Locale = "en-GB" });
        var display = await context.NewPageAsync();
        await display.GotoAsync(address);

        await Assertions.Expect(display).ToHaveURLAsync(fixture.Rig.BaseAddress.ToString());
        await Assertions.Expect(display.GetByTestId("display-name")).ToHaveTextAsync("display: corridor-2-east");
        await Assertions.Expect(display.Locator("#live-text")).ToHaveTextAsync("Live");
        await Assertions.Expect(display.Locator(".board .tile").First).ToHaveAttributeAsync("data-room", "cr2");
        Assert.Equal(0, await display.Locator("nav, form, button, input, select, textarea, main a").CountAsync());
        await BrowserRig.ScreenshotAsync(display, "board-display");
        // The floor plan is the display's other page: the same bare layout, its rooms drawn but not links.
        var plan = await context.NewPageAsync();
        Assert.Equal(200, (await plan.GotoAsync(fixture.Rig.BaseAddress + "floor-plan"))!.Status);
        await Assertions.Expect(plan.GetByRole(AriaRole.Heading, new() { Name = "Floor plan" })).ToBeVisibleAsync();
        await Assertions.Expect(plan.GetByTestId("display-name")).ToHaveTextAsync("display: corridor-2-east");
        Assert.Equal(0, await plan.Locator("nav, form, button, input, select, textarea, main a[href]").CountAsync());
        await plan.CloseAsync();
        Assert.Equal(403, (await display.APIRequest.GetAsync(fixture.Rig.BaseAddress + "excursions")).Status);
        Assert.Equal(403, (await display.APIRequest.GetAsync(fixture.Rig.BaseAddress + "api/excursions")).Status);
        Assert.Equal(403, (await display.APIRequest.GetAsync(fixture.Rig.BaseAddress + "rooms/cr2")).Status);
        Assert.Equal(403, (await display.APIRequest.GetAsync(fixture.Rig.BaseAddress + "api/auth/me")).Status);
        Assert.Equal(200, (await display.APIRequest.GetAsync(fixture.Rig.BaseAddress + "api/live")).Status);
        var secret = address[(address.LastIndexOf('/') + 1)..];
        using (var bearer = new HttpClient { BaseAddress = fixture.Rig.BaseAddress })
        {
            bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync(U("/api/live"))).StatusCode);   // a display's secret is no API token
        }
        await display.EvaluateAsync("() => { window.__noReload = 'still here'; }");

        // Past the session timeout: the idle person's session has ended, the display's has not.
        await MonitorRig.WaitUntilAsync(async ct => await StatusWithCookieAsync(personCookie, ct) == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(150), "the idle person's session to time out");
        Assert.Equal(200, (await display.APIRequest.GetAsync(fixture.Rig.BaseAddress + "api/live")).Status);
        await Assertions.Expect(display.Locator("#live-text")).ToHaveTextAsync("Live");

        // The service restarts: the board says so, then reconnects by itself, without a reload.
        await fixture.Rig.StopServiceAsync();
        await Assertions.Expect(display.Locator("#live-status")).ToHaveAttributeAsync("data-state", "lost");
        await fixture.Rig.StartServiceAsync();
        await Assertions.Expect(display.Locator("#live-status")).ToHaveAttributeAsync("data-state", "live");
        Assert.Equal("still here", await display.EvaluateAsync<string>("() => window.__noReload"));
        await fixture.PublishAsync("cr1", "th1", 23.6);
        await Assertions.Expect(display.Locator("#alarm-list li")).ToHaveTextAsync(["ACTION Suite 2", "ALERT Suite 1"]);

        // Revoked: the display's stream ends and the display falls back to the sign-in page.
        using var adminApi = await fixture.Rig.SignInAsync("admin");
        var tokens = await adminApi.GetFromJsonAsync<JsonElement>(U("/api/admin/tokens"));
        var id = tokens.EnumerateArray().First(t => t.GetProperty("name").GetString() == "corridor-2-east").GetProperty("id").GetGuid();
        (await adminApi.PostAsJsonAsync(U($"/api/admin/tokens/{id}/revoke"), new { reason = "display taken down" })).EnsureSuccessStatusCode();

        await Assertions.Expect(display).ToHaveURLAsync(LoginUrl());
        Assert.Equal(401, (await display.APIRequest.GetAsync(fixture.Rig.BaseAddress + "api/live")).Status);
        var audit = await fixture.Rig.Http.GetStringAsync(U("/api/audit"));
        Assert.Contains("display:corridor-2-east", audit, StringComparison.Ordinal);
        await context.CloseAsync();
        await fixture.AllNormalAsync();
    }

    /// <summary>Signs in through the API and keeps the first session cookie only: the refreshed cookies a sliding
    /// session sends back are never used, so the session times out as an idle browser's would.</summary>
    private async Task<string> SessionCookieAsync(string userName)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = fixture.Rig.BaseAddress };
        var response = await client.PostAsJsonAsync(U("/api/auth/login"), new { userName, password = MonitorRig.Password });
        response.EnsureSuccessStatusCode();
        var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("cleanroom.session=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(cookie.Split(';')[0], CancellationToken.None));
        return cookie.Split(';')[0];
    }

    private async Task<HttpStatusCode> StatusWithCookieAsync(string cookie, CancellationToken cancellationToken)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = fixture.Rig.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, U("/api/auth/me"));
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request, cancellationToken)).StatusCode;
    }
}
