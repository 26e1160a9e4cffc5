using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Service.Pages;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Tests.Pages;

public sealed class SiteClockTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 14, 5, TimeSpan.Zero);

    private static SiteClock Clock(TimeDisplay times) => new(
        FacilityReader.Parse("""{ "site": { "id": "s", "name": "S", "timeZone": "Europe/Berlin" }, "rooms": [ { "id": "r", "name": "R", "grade": "C" } ], "sensors": [ { "id": "t", "room": "r", "parameters": ["temperature"] } ] }""", "clock.json"),
        TimeProvider.System, Options.Create(new TimeDisplayOptions { Times = times }));

    [Fact]
    public void Time_SiteShown_SiteTimeAsTextUtcOnHover()
    {
        var html = Clock(TimeDisplay.Site).Time(At, "live-at").ToString();

        Assert.Equal("<time id=\"live-at\" datetime=\"2026-03-02T09:14:05Z\" title=\"2026-03-02 09:14:05 UTC\" data-zone=\"Europe/Berlin\" " +
            "data-hover-zone=\"UTC\">2026-03-02 10:14:05 Europe/Berlin</time>", html);
    }

    [Fact]
    public void Time_UtcShown_UtcAsTextSiteTimeOnHover()
    {
        var clock = Clock(TimeDisplay.Utc);

        Assert.Equal("2026-03-02 09:14:05 UTC", clock.Shown(At));
        Assert.Equal("2026-03-02 10:14:05 Europe/Berlin", clock.Hover(At));
        Assert.Equal("UTC", clock.ShownZoneName);
    }
}
