using System.Text.Json;
using Microsoft.Playwright;

namespace CleanroomMonitor.Benchmarks.LiveBoard;

/// <summary>Headless Debian Chromium driven by Playwright (the browser tests' launch options), opening live boards as
/// a signed-in user would. Each board gets a browser context of its own: the board's server-sent events hold an
/// HTTP/1.1 connection open, and Chromium allows six per host and profile, so twenty boards in one context would
/// leave fourteen of them waiting for a connection instead of receiving updates.</summary>
internal sealed class BoardBrowser : IAsyncDisposable
{
    /// <summary>Debian's Chromium: Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Counts the board's "snapshot" events and notes, on the page's own clock (0 = navigation start), when
    /// the first one had been applied to the tiles and when the next frame began. live.js keeps its EventSource to
    /// itself, so the listener it adds is wrapped; the wrapper runs after live.js's handler, once the DOM is patched.</summary>
    private const string SnapshotProbe = """
        (() => {
          window.__snapshots = 0;
          window.__firstSnapshotAt = null;
          window.__firstFrameAt = null;
          const add = EventSource.prototype.addEventListener;
          EventSource.prototype.addEventListener = function (type, listener, options) {
            if (type === "snapshot" && typeof listener === "function") {
              const inner = listener;
              listener = function (event) {
                const result = inner.call(this, event);
                window.__snapshots++;
                if (window.__firstSnapshotAt === null) {
                  window.__firstSnapshotAt = performance.now();
                  requestAnimationFrame(() => { window.__firstFrameAt = performance.now(); });
                }
                return result;
              };
            }
            return add.call(this, type, listener, options);
          };
        })();
        """;

    /// <summary>True once live.js has shown "Live" (it does so in the same handler that applies the snapshot) and the
    /// frame after the first snapshot has begun.</summary>
    private const string FirstSnapshotRendered = "() => document.getElementById('live-status')?.dataset.state === 'live' && window.__firstFrameAt !== null";

    private const string RenderFigures = """
        () => {
          const values = [...document.querySelectorAll("tr[data-key] [data-field=value]")];
          const paint = performance.getEntriesByName("first-contentful-paint")[0];
          return {
            snapshotMs: window.__firstSnapshotAt,
            frameMs: window.__firstFrameAt,
            firstContentfulPaintMs: paint ? paint.startTime : null,
            rows: values.length,
            rowsWithValue: values.filter(v => v.textContent.trim() !== "\u2014").length,
          };
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly Uri _service;
    private readonly string _userName;
    private readonly string _password;

    private BoardBrowser(IPlaywright playwright, IBrowser browser, Uri service, string userName, string password)
    {
        _playwright = playwright;
        _browser = browser;
        _service = service;
        _userName = userName;
        _password = password;
    }

    public static async Task<BoardBrowser> LaunchAsync(Uri service, string userName, string password)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
            return new BoardBrowser(playwright, browser, service, userName, password);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh context (its own cookies, cache and connections), signed in through the login form.</summary>
    public async Task<IPage> SignInAsync(CancellationToken cancellationToken)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _service.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            Locale = "en-GB",
        });
        try
        {
            context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
            await context.AddInitScriptAsync(SnapshotProbe);
            var page = await context.NewPageAsync();
            cancellationToken.ThrowIfCancellationRequested();
            await page.GotoAsync("/login");
            await page.GetByLabel("User name").FillAsync(_userName);
            await page.GetByLabel("Password").FillAsync(_password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.GetByTestId("printed-name").WaitForAsync();
            cancellationToken.ThrowIfCancellationRequested();
            return page;
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Navigates <paramref name="page"/> to the live board and waits until the first server-sent snapshot is
    /// on the tiles. The figures are the page's own clock, from navigation start.</summary>
    public static async Task<BoardRender> OpenBoardAsync(IPage page, CancellationToken cancellationToken)
    {
        await page.GotoAsync("/");
        cancellationToken.ThrowIfCancellationRequested();
        await page.WaitForFunctionAsync(FirstSnapshotRendered, null, new PageWaitForFunctionOptions { Timeout = (float)Patience.TotalMilliseconds });
        var figures = await page.EvaluateAsync<JsonElement>(RenderFigures);
        return new BoardRender(
            figures.GetProperty("snapshotMs").GetDouble(),
            figures.GetProperty("frameMs").GetDouble(),
            figures.GetProperty("firstContentfulPaintMs") is { ValueKind: JsonValueKind.Number } fcp ? fcp.GetDouble() : double.NaN,
            figures.GetProperty("rows").GetInt32(),
            figures.GetProperty("rowsWithValue").GetInt32());
    }

    /// <summary>Server-sent snapshots this page has applied so far.</summary>
    public static Task<int> SnapshotsAsync(IPage page) => page.EvaluateAsync<int>("() => window.__snapshots");

    /// <summary>Whether the page still says "Live" (live.js says otherwise after 5 s without a snapshot).</summary>
    public static Task<bool> IsLiveAsync(IPage page) => page.EvaluateAsync<bool>("() => document.getElementById('live-status')?.dataset.state === 'live'");

    public static Task CloseAsync(IPage page) => page.Context.CloseAsync();

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <param name="SnapshotMs">Navigation start → the first server-sent snapshot applied to the tiles.</param>
/// <param name="FrameMs">Navigation start → the next animation frame after that (the update on screen).</param>
/// <param name="FirstContentfulPaintMs">Navigation start → first contentful paint of the server-rendered board.</param>
/// <param name="Rows">Sensor-parameter rows on the board.</param>
/// <param name="RowsWithValue">Rows showing a value rather than "—".</param>
internal sealed record BoardRender(double SnapshotMs, double FrameMs, double FirstContentfulPaintMs, int Rows, int RowsWithValue);
