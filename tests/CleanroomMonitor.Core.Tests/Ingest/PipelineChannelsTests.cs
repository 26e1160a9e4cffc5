using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Ingest;

public sealed class PipelineChannelsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static SensorSample Sample(TimeSpan ago) =>
        new(new SensorId("th1"), Now - ago, Now - ago, [new SampleValue(Parameter.Temperature, 21, false)], "test");

    private static Reading Reading(TimeSpan ago) =>
        new(new SensorId("th1"), new RoomId("cr1"), Parameter.Temperature, 21, Now - ago, TimeSource.Device, Now - ago);

    [Fact]
    public void ReceivedUpTo_NothingWaiting_IsNow()
    {
        Assert.Equal(Now, new PipelineChannels().ReceivedUpTo(Now));
    }

    [Fact]
    public void ReceivedUpTo_SamplesWaitingForThePump_IsTheOldestOfThem()
    {
        var channels = new PipelineChannels();
        Assert.True(channels.Samples.Writer.TryWrite(Sample(TimeSpan.FromSeconds(40))));
        Assert.True(channels.Samples.Writer.TryWrite(Sample(TimeSpan.FromSeconds(10))));

        Assert.Equal(Now.AddSeconds(-40), channels.ReceivedUpTo(Now));
    }

    [Fact]
    public void ReceivedUpTo_PumpHoldsASampleUntilReleased_IsThatSamplesReceipt()
    {
        var channels = new PipelineChannels();
        channels.PumpHolds(Sample(TimeSpan.FromSeconds(25)));

        Assert.Equal(Now.AddSeconds(-25), channels.ReceivedUpTo(Now));
        channels.PumpReleased();
        Assert.Equal(Now, channels.ReceivedUpTo(Now));
    }

    [Fact]
    public void ReceivedUpTo_ReadingWaitingForTheEngine_IsItsReceiptEvenWhenTheSamplesAreNewer()
    {
        var channels = new PipelineChannels();
        Assert.True(channels.Judging.Writer.TryWrite(JudgeInput.Of(Reading(TimeSpan.FromSeconds(30)))));
        Assert.True(channels.Samples.Writer.TryWrite(Sample(TimeSpan.FromSeconds(5))));

        Assert.Equal(Now.AddSeconds(-30), channels.ReceivedUpTo(Now));
    }
}
