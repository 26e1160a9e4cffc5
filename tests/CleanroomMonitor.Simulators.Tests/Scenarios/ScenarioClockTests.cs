using CleanroomMonitor.Simulators.Scenarios;

namespace CleanroomMonitor.Simulators.Tests.Scenarios;

public sealed class ScenarioClockTests
{
    private static readonly DateTimeOffset Wall = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Stamp_At60x_StampsInThePastAndLastIsWallAtEnd()
    {
        var clock = new ScenarioClock(TimeSpan.FromMinutes(10), 60, [], Wall);

        Assert.Equal(TimeSpan.FromSeconds(10), clock.WallElapsed(TimeSpan.FromMinutes(10)));
        Assert.Equal(Wall.AddSeconds(10), clock.Stamp(TimeSpan.FromMinutes(10)));
        Assert.Equal(Wall.AddSeconds(10) - TimeSpan.FromMinutes(10), clock.Stamp(TimeSpan.Zero));
    }

    [Fact]
    public void WallElapsed_RealTimeWindow_PlayedAt1x()
    {
        var clock = new ScenarioClock(TimeSpan.FromMinutes(3), 60, [(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(40))], Wall);

        Assert.Equal(TimeSpan.FromSeconds(1 + 40) + TimeSpan.FromSeconds(80 / 60.0), clock.WallElapsed(TimeSpan.FromMinutes(3)));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(60.0)]
    [InlineData(double.PositiveInfinity)]
    public void Stamp_AnySpeed_NeverAfterItsWallTime(double speed)
    {
        var clock = new ScenarioClock(TimeSpan.FromMinutes(12), speed, [(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(6))], Wall);

        for (var s = 0; s <= 720; s += 7)
        {
            var at = TimeSpan.FromSeconds(s);
            Assert.True(clock.Stamp(at) <= clock.WallAt(at), $"{at}: stamp {clock.Stamp(at):O} after wall {clock.WallAt(at):O}");
        }
    }

    [Fact]
    public void Stamp_GivenStart_SlicesOneTimeline()
    {
        var clock = new ScenarioClock(TimeSpan.FromMinutes(5), 60, [], Wall, stampStart: Wall.AddHours(-1));

        Assert.Equal(Wall.AddHours(-1).AddMinutes(2), clock.Stamp(TimeSpan.FromMinutes(2)));
    }
}
