using System.Net.Http.Json;
using System.Text.Json;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>One service (MonitorRig: real mosquitto, real influxd, the service in-process on loopback) and one headless
/// Debian Chromium driven by Playwright, shared by the browser tests, which run one after another.</summary>
public class BrowserRig : IAsyncLifetime
{
    /// <summary>Debian's Chromium: Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private IPlaywright? _playwright;

    public MonitorRig Rig { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the screenshots go: artifacts/screenshots under the test output directory.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
        Directory.CreateDirectory(ScreenshotDirectory);
        Rig = await StartRigAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>The service under test; a fixture of a test class with its own facility or settings overrides it.</summary>
    protected virtual Task<MonitorRig> StartRigAsync() => MonitorRig.StartAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Rig is not null)
        {
            await Rig.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (its own cookies) with a page signed in through the login form.</summary>
    public async Task<IPage> SignInAsync(string userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Rig.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(MonitorRig.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("printed-name")).ToHaveTextAsync($"Test {userName}");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    public Task PublishTemperatureAsync(double value) =>
        Rig.PublishAsync(MonitorRig.Topic("cr1", "th1"),
            $$$"""{"ts":"{{{Rig.NextInstant():O}}}","values":{"temperature":{{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"relative_humidity":45}}""");

    /// <summary>Publishes an action-level temperature in cr1 and returns the active excursion it raised (through the API, with the staff token).</summary>
    public async Task<Guid> RaiseTemperatureExcursionAsync()
    {
        await PublishTemperatureAsync(26);
        Guid id = default;
        await MonitorRig.WaitUntilAsync(async ct =>
        {
            var list = await Rig.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/excursions?room=cr1&sensor=th1&status=Unacknowledged", UriKind.Relative), ct);
            foreach (var e in list.EnumerateArray())
            {
                if (e.GetProperty("kind").GetString() == "Temperature" && (!e.TryGetProperty("endedAt", out var ended) || ended.ValueKind == JsonValueKind.Null))
                {
                    id = e.GetProperty("id").GetGuid();
                    return true;
                }
            }
            return false;
        }, Patience, "an unacknowledged temperature excursion in cr1");
        return id;
    }

    /// <summary>Publishes a normal temperature and waits until the excursion has returned to <paramref name="status"/>.</summary>
    public async Task ReturnToNormalAsync(Guid id, string status)
    {
        await PublishTemperatureAsync(21);
        await MonitorRig.WaitUntilAsync(async ct => await StatusAsync(id, ct) == status, Patience, $"excursion {id} to be {status}");
    }

    public async Task<string?> StatusAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await Rig.Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/excursions/{id}", UriKind.Relative), cancellationToken)).GetProperty("status").GetString();
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserRig>
{
    public const string Name = "browser";
}
