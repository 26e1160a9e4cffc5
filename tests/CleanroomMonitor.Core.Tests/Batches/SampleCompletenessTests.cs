using CleanroomMonitor.Core.Batches;

namespace CleanroomMonitor.Core.Tests.Batches;

public sealed class SampleCompletenessTests
{
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    [Fact]
    public void Measure_OnScheduleSensorWithTheEdgeSample_IsExactlyOneHundredPercent()
    {
        // The QA finding: a 10 s sensor over 225 s holds 22 whole intervals and, by its phase, 23 samples. The old
        // ratio (received ÷ ⌊window ÷ interval⌋) printed 104.5 %.
        var measured = SampleCompleteness.Measure(TimeSpan.FromSeconds(225), TenSeconds, 23);

        Assert.Equal(new SampleCompleteness(22, 23, 1.0, 0), measured);
    }

    [Theory]
    [InlineData(120, 60, 1.0, 0)]     // every interval delivered
    [InlineData(120, 61, 1.0, 0)]     // plus the sample of the edge: not a surplus
    [InlineData(120, 57, 0.95, 0)]    // three missing
    [InlineData(120, 70, 1.0, 9)]     // faster than configured: named, never above 100 %
    [InlineData(120, 0, 0.0, 0)]
    public void Measure_TwentyMinutesOfATenSecondSensor_RatioNeverAboveOne(int minutesTimesTen, long received, double ratio, long surplus)
    {
        var measured = SampleCompleteness.Measure(TimeSpan.FromSeconds(minutesTimesTen * 5), TenSeconds, received);

        Assert.Equal(60, measured.Expected);
        Assert.Equal(ratio, measured.Ratio, 9);
        Assert.Equal(surplus, measured.Surplus);
    }

    [Fact]
    public void Measure_WindowShorterThanOneInterval_IsComplete() =>
        Assert.Equal(1.0, SampleCompleteness.Measure(TimeSpan.FromSeconds(5), TenSeconds, 0).Ratio);

    [Fact]
    public void Measure_ZeroInterval_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleCompleteness.Measure(TimeSpan.FromMinutes(1), TimeSpan.Zero, 1));
}
