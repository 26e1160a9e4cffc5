using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.BrowserTests;

/// <summary>axe-core on every page of the site, as a facility admin and as a tenant user: no violation of impact
/// serious or critical. The pages come from the routes themselves, so a new page is checked without being listed here;
/// a page whose route needs a value this test cannot supply fails the test rather than being skipped.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AccessibilityTests(BrowserRig fixture)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>Every GET page route of the service, with its parameters filled from records made for the test.</summary>
    private async Task<IReadOnlyList<string>> PagesAsync()
    {
        var batch = "A11Y-" + Guid.NewGuid().ToString("N")[..6];
        (await fixture.Rig.Http.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative),
            new { number = batch, product = "P", tenant = "helix-bio", rooms = new[] { "al1" }, process = "closed" })).EnsureSuccessStatusCode();
        var excursion = await fixture.RaiseTemperatureExcursionAsync();
        var run = "A11Y-OQ-" + Guid.NewGuid().ToString("N")[..6];
        const string report = "<!DOCTYPE html><html lang=\"en\"><head><title>OQ</title></head><body><p>OQ</p></body></html>";
        (await fixture.Rig.Http.PostAsJsonAsync(new Uri("/api/qualification/runs", UriKind.Relative), new
        {
            runId = run, protocol = "CRM-OQ", protocolVersion = "1", site = "S", facilityVersion = "f", startedAt = "2026-12-07T09:00:00Z",
            finishedAt = "2026-12-07T09:10:00Z", passed = false, stopped = false, rows = 2, rowsPassed = 1, scenarios = new[] { "A" },
            deviations = new[] { new { number = "DEV-01", kind = "failed row", requirement = "R-1", scenario = "A", detail = "d" } },
            reportHtml = report, reportCsv = "", reportSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(report))),
        })).EnsureSuccessStatusCode();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["{number}"] = Uri.EscapeDataString(batch), ["{id:guid}"] = excursion.ToString(), ["{id}"] = "cr1", ["{runId}"] = run, ["{userName}"] = "op",
            ["{sensor}"] = "dp1", ["{room}"] = "cr1",
        };
        var routes = fixture.Rig.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().Order().ToList();
        var pages = new List<string>();
        var unfilled = new List<string>();
        foreach (var route in routes.Where(r => r is not "/Logout" and not "/logout"))
        {
            var url = route;
            foreach (var (name, value) in values)
            {
                if (url.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    url = value is null ? url : url.Replace(name, value, StringComparison.OrdinalIgnoreCase);
                }
            }
            if (url.Contains('{', StringComparison.Ordinal))
            {
                unfilled.Add(route);
                continue;
            }
            pages.Add(url);
        }
        Assert.True(unfilled.Count == 0, "pages this test cannot visit (no value for their route): " + string.Join(", ", unfilled));
        return pages;
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("helix-op")]
    public async Task EveryPage_Axe_NoSeriousOrCriticalViolations(string userName)
    {
        var pages = await PagesAsync();
        Assert.Superset(new HashSet<string> { "/", "/rooms", "/rooms/cr1", "/excursions", "/batches", "/reports", "/audit", "/qualification", "/account/password",
            "/admin/users", "/not-found" }, pages.ToHashSet(StringComparer.OrdinalIgnoreCase));
        var page = await fixture.SignInAsync(userName);
        var problems = new List<string>();
        // The check itself: an image without a text alternative is a critical violation axe must report.
        await page.GotoAsync("/rooms");
        await page.EvaluateAsync("() => document.querySelector('main').append(document.createElement('img'))");
        Assert.Contains((await page.RunAxe()).Violations, v => v.Id == "image-alt" && Blocking.Contains(v.Impact));

        foreach (var url in pages)
        {
            await page.GotoAsync(url);
            var result = await page.RunAxe();
            foreach (var v in result.Violations.Where(v => Blocking.Contains(v.Impact)))
            {
                problems.Add($"{url}: {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Select(n => n.Target.ToString()))}");
            }
        }
        await BrowserRig.ScreenshotAsync(page, "navigation-a11y-last-page-" + userName);
        var anonymous = await fixture.Browser.NewPageAsync(new() { BaseURL = fixture.Rig.BaseAddress.ToString() });
        await anonymous.GotoAsync("/login");
        foreach (var v in (await anonymous.RunAxe()).Violations.Where(v => Blocking.Contains(v.Impact)))
        {
            problems.Add($"/login: {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Select(n => n.Target.ToString()))}");
        }

        Assert.True(problems.Count == 0, $"{problems.Count} serious or critical axe violations as {userName} on {pages.Count} pages:\n" + string.Join("\n", problems));
        await anonymous.CloseAsync();
        await page.Context.CloseAsync();
    }
}
