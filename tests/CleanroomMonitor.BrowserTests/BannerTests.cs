using System.Text.RegularExpressions;
using CleanroomMonitor.IntegrationTests;
using Microsoft.Playwright;

namespace CleanroomMonitor.BrowserTests;

/// <summary>The live board's banner of unacknowledged excursions, its count in the page title, and the opt-in sound and
/// desktop notification, in a real Chromium against the running service.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class BannerTests(BrowserRig fixture)
{
    /// <summary>Records what the page asks of the browser's audio and notifications, in place of real ones (a headless
    /// browser has neither a speaker nor a desktop). The permission a person grants is kept in sessionStorage, as the
    /// browser would keep it for the origin.</summary>
    private const string AlarmRecorder = """
        window.__alarm = { oscillators: 0, notes: [], asked: 0 };
        window.AudioContext = function () { this.state = "running"; this.currentTime = 0; this.destination = {}; };
        window.AudioContext.prototype.resume = function () { return Promise.resolve(); };
        window.AudioContext.prototype.createOscillator = function () {
          window.__alarm.oscillators++;
          return { frequency: {}, connect: function (next) { return next; }, start: function () {}, stop: function () {} };
        };
        window.AudioContext.prototype.createGain = function () {
          return { gain: { setValueAtTime: function () {}, exponentialRampToValueAtTime: function () {} }, connect: function (next) { return next; } };
        };
        window.Notification = function (title, options) { window.__alarm.notes.push(title + " | " + options.body); };
        Object.defineProperty(window.Notification, "permission", { get: function () { return sessionStorage.getItem("test.permission") || "default"; } });
        window.Notification.requestPermission = function () {
          window.__alarm.asked++;
          sessionStorage.setItem("test.permission", "granted");
          return Promise.resolve("granted");
        };
        """;

    [GeneratedRegex(@"^\((\d+)\) Live board · CleanroomMonitor")]
    private static partial Regex CountedTitle();

    [Fact]
    public async Task Banner_ExcursionRaisedThenAcknowledged_ListedCountedAndAnnouncedThenGoneWithoutReload()
    {
        var board = await fixture.SignInAsync("op");
        await board.Context.AddInitScriptAsync(AlarmRecorder);
        await board.GotoAsync("/");
        await Assertions.Expect(board.Locator("#live-text")).ToHaveTextAsync("Live");
        await board.EvaluateAsync("() => { window.__noReload = 'still here'; }");
        var roomName = await board.Locator("#room-cr1").TextContentAsync();

        // Both opt-ins are off on load, and nothing was asked of the browser.
        var sound = board.GetByLabel("Sound on new unacknowledged excursions");
        await Assertions.Expect(sound).Not.ToBeCheckedAsync();
        await Assertions.Expect(board.GetByTestId("alarm-notify")).ToHaveTextAsync("Enable desktop notifications");
        Assert.Equal(0, await board.EvaluateAsync<int>("() => window.__alarm.asked"));
        await sound.CheckAsync();
        await board.GetByTestId("alarm-notify").ClickAsync();
        await Assertions.Expect(board.GetByTestId("alarm-notify")).ToHaveTextAsync("Turn off desktop notifications");
        Assert.Equal(1, await board.EvaluateAsync<int>("() => window.__alarm.asked"));

        var id = await fixture.RaiseTemperatureExcursionAsync();

        var entry = board.Locator($"#unack li[data-id='{id}']");
        await Assertions.Expect(entry).ToBeVisibleAsync();
        await Assertions.Expect(entry.Locator("[data-field=level]")).ToHaveTextAsync("action");
        await Assertions.Expect(entry).ToHaveClassAsync("unack-item lv-action");
        await Assertions.Expect(entry.Locator("[data-field=room]")).ToHaveTextAsync(roomName!);
        await Assertions.Expect(entry.Locator("[data-field=sensor]")).ToHaveTextAsync("th1 · temperature");
        await Assertions.Expect(entry.Locator("[data-field=kind]")).ToHaveTextAsync("temperature");
        await Assertions.Expect(entry.Locator("[data-field=age]")).ToHaveTextAsync(new Regex(@"^\d+ (s|min) ago$"));
        await Assertions.Expect(entry.Locator("a")).ToHaveAttributeAsync("href", $"/excursions/{id}");
        var listed = await CountedAsync(board);
        Assert.True(listed >= 1);
        await Assertions.Expect(board.Locator("#unack-announce")).ToContainTextAsync($"action excursion: temperature in {roomName}");
        await board.WaitForFunctionAsync("() => window.__alarm.oscillators > 0 && window.__alarm.notes.some(n => n.includes('th1 · temperature'))");
        await BrowserRig.ScreenshotAsync(board, "unack-banner");

        // A board opened while the excursion is listed stays quiet, even with both opt-ins remembered.
        var second = await board.Context.NewPageAsync();
        await second.GotoAsync("/");
        await Assertions.Expect(second.Locator($"#unack li[data-id='{id}']")).ToBeVisibleAsync();
        await Assertions.Expect(second.Locator("#live-text")).ToHaveTextAsync("Live");
        await Assertions.Expect(second.GetByLabel("Sound on new unacknowledged excursions")).ToBeCheckedAsync();
        var quiet = await second.EvaluateAsync<int[]>("() => [window.__alarm.oscillators, window.__alarm.notes.length, window.__alarm.asked]");
        Assert.Equal(new[] { 0, 0, 0 }, quiet);

        // The banner's link leads to the excursion's page, where the acknowledgement is signed.
        await second.Locator($"#unack li[data-id='{id}'] a").ClickAsync();
        await Assertions.Expect(second.GetByTestId("status")).ToHaveTextAsync("Active, not yet acknowledged");
        await second.GetByLabel("Assignable cause").SelectOptionAsync("HVAC or filter");
        await second.GetByLabel("Comment").FillAsync("seen on the banner");
        await second.GetByLabel("Immediate action taken").FillAsync("room checked");
        if (await second.GetByLabel("Your user id").CountAsync() > 0)
        {
            await second.GetByLabel("Your user id").FillAsync("op");
        }
        await second.GetByLabel("Your password").FillAsync(MonitorRig.Password);
        await second.GetByRole(AriaRole.Button, new() { Name = "Sign and acknowledge" }).ClickAsync();
        await Assertions.Expect(second.GetByTestId("ack-signature")).ToContainTextAsync("Signed by Test op");

        await Assertions.Expect(entry).ToHaveCountAsync(0);
        var left = await CountedAsync(board);
        Assert.True(left < listed, $"title count {left} after the acknowledgement, {listed} before");
        Assert.Equal("still here", await board.EvaluateAsync<string>("() => window.__noReload"));

        await fixture.ReturnToNormalAsync(id, "ReturnedToNormal");   // the shared rig's next test raises a fresh excursion
        await board.Context.CloseAsync();
    }

    /// <summary>The number in the title, once it agrees with the banner's lines (0 when the title has none and the
    /// banner is hidden).</summary>
    private static async Task<int> CountedAsync(IPage page)
    {
        var handle = await page.WaitForFunctionAsync("""
            () => {
              const lines = document.querySelectorAll('#unack li[data-id]').length;
              const m = /^\((\d+)\) /.exec(document.title);
              const counted = m ? Number(m[1]) : 0;
              const hidden = document.getElementById('unack').hidden;
              return counted === lines && hidden === (lines === 0) && document.getElementById('unack-count').textContent === String(lines) ? lines + 1 : 0;
            }
            """);
        var lines = await handle.JsonValueAsync<int>() - 1;
        if (lines > 0)
        {
            await Assertions.Expect(page).ToHaveTitleAsync(CountedTitle());
        }
        return lines;
    }
}
