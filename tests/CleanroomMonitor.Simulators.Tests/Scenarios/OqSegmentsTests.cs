using CleanroomMonitor.Simulators.Oq;
using CleanroomMonitor.Simulators.Scenarios;

namespace CleanroomMonitor.Simulators.Tests.Scenarios;

public sealed class OqSegmentsTests
{
    private static Scenario Make(string name, TimeSpan? realTimeFrom) =>
        new(name, "", name + ".json", null, TimeSpan.FromMinutes(5), 1, [], [], realTimeFrom);

    [Fact]
    public void Segments_RealTimeTails_EndTheirSegment()
    {
        var library = new[] { Make("a", null), Make("b", null), Make("window", TimeSpan.FromSeconds(20)), Make("deadline", TimeSpan.FromSeconds(20)), Make("c", null) };

        var segments = OqRun.Segments(library);

        Assert.Equal([["a", "b", "window"], ["deadline"], ["c"]], segments.Select(s => s.Select(x => x.Name).ToArray()).ToArray());
    }

    [Fact]
    public void Segments_NoRealTimeTail_OneTimeline()
    {
        var segments = OqRun.Segments([Make("a", null), Make("b", null)]);

        Assert.Equal(2, Assert.Single(segments).Count);
    }

    [Fact]
    public void Gain_RealTimeTail_TimestampsCaughtUpThere()
    {
        // A 2-minute scenario at 60× with a real-time tail from 20 s: only the first 20 s run ahead of the wall clock.
        var scenario = Make("tail", TimeSpan.FromSeconds(20)) with { Duration = TimeSpan.FromMinutes(2) };
        var realTime = ScenarioRunner.RealTime(scenario);
        var clock = new ScenarioClock(scenario.Duration, 60, realTime, DateTimeOffset.UnixEpoch);

        Assert.Equal(TimeSpan.FromSeconds(20) - TimeSpan.FromSeconds(20.0 / 60), ScenarioClock.Gain(scenario.Duration, 60, realTime));
        // Stamps are whole milliseconds.
        Assert.InRange(clock.WallAt(TimeSpan.FromSeconds(30)) - clock.Stamp(TimeSpan.FromSeconds(30)), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.InRange(clock.WallAt(scenario.Duration) - clock.Stamp(scenario.Duration), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
    }
}
