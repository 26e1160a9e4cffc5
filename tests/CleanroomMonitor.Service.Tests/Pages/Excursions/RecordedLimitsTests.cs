using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Pages.Excursions;

namespace CleanroomMonitor.Service.Tests.Pages.Excursions;

public sealed class RecordedLimitsTests
{
    private static LimitSet Set(Band alert, Band action, TimeSpan delay, int samples, double deadband, ParticleRules rules, string? justification = "doors") =>
        new(new SensorId("pc1"), Parameter.ParticlesFiveMicron, RoomState.AtRest, alert, action, delay, samples, justification, deadband, rules, "test");

    public static TheoryData<LimitSet> Sets() => new(
        Set(new Band(null, 2_000), new Band(null, 3_520), TimeSpan.Zero, 1, 0, ParticleRules.None),
        Set(Band.None, new Band(null, 352_000), TimeSpan.Zero, 1, 0, ParticleRules.None),
        Set(new Band(18, 23), new Band(16.5, 25.25), TimeSpan.FromSeconds(90), 3, 0.5, ParticleRules.None),
        Set(new Band(-12.5, null), new Band(-10, null), TimeSpan.FromDays(1.5), 0, 0, new ParticleRules(3, 2, 10, 1_000)),
        Set(new Band(null, 1e15), Band.None, TimeSpan.FromMilliseconds(1500), 2, 1e-5, new ParticleRules(null, null, null, 283.5)),
        Set(new Band(null, 2_000), new Band(null, 3_520), TimeSpan.Zero, 1, 0, ParticleRules.None, justification: null),
        Set(new Band(18, 23), new Band(16.5, 25.25), TimeSpan.FromSeconds(90), 3, 0.5, new ParticleRules(3, 2, 10, 1_000), "CCS §4: \"door\" openings, V=2"));

    [Theory, MemberData(nameof(Sets))]
    public void TryParse_WhatLimitSetDescribeWrites_ReadsEveryValueBack(LimitSet set)
    {
        Assert.True(RecordedLimits.TryParse(set.Describe(), out var limits));

        Assert.Equal(new RecordedLimits(set.Alert, set.Action, set.Delay, set.DelaySamples, set.Deadband, set.Rules, set.Justification), limits);
        Assert.Equal(set.Describe(), limits.Describe());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("alert 2000, action 3520")]
    [InlineData("alert[..x] action[..352000] delay 00:00:00 / 1 samples, deadband 0, rules K= N/M=/ V=")]
    [InlineData("alert[..200000] action[..352000] delay soon / 1 samples, deadband 0, rules K= N/M=/ V=")]
    public void TryParse_OtherText_False(string? text) => Assert.False(RecordedLimits.TryParse(text, out _));
}
