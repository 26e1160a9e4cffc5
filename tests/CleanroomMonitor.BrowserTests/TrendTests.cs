using System.Globalization;
using System.Net.Http.Json;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The room page's trends against a grade B suite (its particle action limits differ at rest and in operation,
/// Annex 1 Table 5): a batch started 20 minutes ago puts a step in the limit line and a labelled band on the chart.
/// Its own rig, since the shared facility has no counter whose limits change with the room's state.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class TrendTests(BrowserRig fixture)
{
    private const string Facility = """
        {
          "site": { "id": "itest", "name": "Trend test site", "timeZone": "Europe/Berlin" },
          "rooms": [ { "id": "s1", "name": "Suite 1", "grade": "B" } ],
          "sensors": [ { "id": "pc", "room": "s1", "parameters": ["particles_0_5um", "particles_5_0um"] } ]
        }
        """;

    [Fact]
    public async Task RoomPage_BatchStartedInThePeriod_LimitStepsAndBatchBandLabelled()
    {
        await using var rig = await MonitorRig.StartAsync(Facility, null);
        var now = DateTimeOffset.UtcNow;
        (await rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative), new
        {
            number = "TR-7/1", product = "Vaccine", tenant = "T", rooms = new[] { "s1" }, process = "open",
            startedAt = now.AddMinutes(-20), reason = "trend test: started 20 minutes ago",
        })).EnsureSuccessStatusCode();
        // A reading every 3 minutes over the last hour: a handful of particles at rest (many zeros), more in operation.
        int[] counts = [0, 0, 1, 3, 0, 0, 2, 0, 1, 0, 0, 1, 40, 95, 160, 70, 120, 55, 30];
        for (var i = 0; i < counts.Length; i++)
        {
            var ts = now.AddMinutes(-56 + (3 * i)).ToString("O", CultureInfo.InvariantCulture);
            await rig.PublishAsync(MonitorRig.Topic("s1", "pc"),
                $$$"""{"ts":"{{{ts}}}","counts":{"particles_0_5um":{{{counts[i]}}},"particles_5_0um":0},"volume_l":28.3}""");
        }
        await rig.WaitForPointsAsync(counts.Length, BrowserRig.Patience, "WHERE \"sensor\" = 'pc' AND \"parameter\" = 'particles_0_5um'");
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = rig.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("User name").FillAsync("viewer");
        await page.GetByLabel("Password").FillAsync(MonitorRig.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("printed-name")).ToHaveTextAsync("Test viewer");

        await page.GotoAsync("/rooms/s1?hours=1");

        var chart = page.Locator("figure.trend", new() { HasText = "pc · ≥0.5 µm" });
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-scale", "log");
        var action = chart.Locator("polyline.limit.action");
        await Assertions.Expect(action).ToHaveCountAsync(1);
        var levels = (await action.GetAttributeAsync("points"))!.Split(' ').Select(p => p.Split(',')[1]).Distinct().Count();
        Assert.Equal(2, levels);   // at rest 3 520, then in operation 352 000: one step
        await Assertions.Expect(action.Locator("title")).ToContainTextAsync("action 3\u202F520 /m³ at rest");
        await Assertions.Expect(action.Locator("title")).ToContainTextAsync("action 352\u202F000 /m³ in operation");
        await Assertions.Expect(chart.Locator("g.batch text.batch-label")).ToHaveTextAsync("TR-7/1");
        await Assertions.Expect(chart.Locator("rect.state.at-rest")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("rect.state.in-operation")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator(".trend-legend")).ToContainTextAsync("batch");
        await Assertions.Expect(chart.Locator("svg text", new() { HasText = "10\u202F000" })).ToHaveCountAsync(1);   // a decade tick
        await chart.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserRig.ScreenshotDirectory, "trends-room-step.png") });
        await BrowserRig.ScreenshotAsync(page, "trends-room-page");

        await Assertions.Expect(chart.Locator("circle.mean-dot, polyline.mean").First).ToBeVisibleAsync();
        await Assertions.Expect(chart.Locator("svg > g > text > title").First).ToHaveTextAsync(UtcMinute());   // an axis time: site time shown, UTC on hover

        await page.GetByRole(AriaRole.Link, new() { Name = "linear" }).ClickAsync();
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-scale", "linear");
        await chart.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserRig.ScreenshotDirectory, "trends-room-linear.png") });

        // The board's "updated" time follows the same convention, also after live.js refreshes it.
        await page.GotoAsync("/");
        var updated = page.Locator("#live-at");
        await Assertions.Expect(updated).ToHaveTextAsync(SiteTime());
        await Assertions.Expect(updated).ToHaveAttributeAsync("title", UtcTime());
        await context.CloseAsync();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$")]
    private static partial System.Text.RegularExpressions.Regex UtcMinute();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Europe/Berlin$")]
    private static partial System.Text.RegularExpressions.Regex SiteTime();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$")]
    private static partial System.Text.RegularExpressions.Regex UtcTime();
}
