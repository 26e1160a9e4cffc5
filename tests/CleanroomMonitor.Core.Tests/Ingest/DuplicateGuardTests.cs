using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Ingest;

public sealed class DuplicateGuardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly DuplicateGuard _sut = new(window: 4);

    private static Reading Temperature(double value, double seconds, string sensor = "th1") =>
        new(new SensorId(sensor), new RoomId("cr1"), Parameter.Temperature, value, T0.AddSeconds(seconds), TimeSource.Device, T0.AddSeconds(seconds));

    private static Reading Particles(long count, double litres, double seconds, SampleFaults faults = SampleFaults.None) =>
        new(new SensorId("pc1"), new RoomId("cr1"), Parameter.ParticlesHalfMicron, count * 1000.0 / litres, T0.AddSeconds(seconds), TimeSource.Device,
            T0.AddSeconds(seconds), count, litres, faults);

    private DuplicateKind Check(Reading reading) => _sut.Check(reading, out _);

    [Fact]
    public void Check_ReadingsInTimeOrder_AllNew()
    {
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal(DuplicateKind.New, Check(Temperature(20 + i, i))));
    }

    [Fact]
    public void Check_SameInstantSameValue_RepeatNamingTheFirst()
    {
        Check(Temperature(20.5, 0));

        var kind = _sut.Check(Temperature(20.5, 0), out var first);

        Assert.Equal(DuplicateKind.Repeat, kind);
        Assert.Equal(20.5, first.Value);
    }

    [Fact]
    public void Check_SameInstantDifferentValue_ConflictNamingTheFirst()
    {
        Check(Temperature(20.5, 0));

        var kind = _sut.Check(Temperature(21.5, 0), out var first);

        Assert.Equal(DuplicateKind.Conflict, kind);
        Assert.Equal(20.5, first.Value);
    }

    [Fact]
    public void Check_ConflictThenTheSecondValueAgain_StillConflictWithTheFirst()
    {
        Check(Temperature(20.5, 0));
        Check(Temperature(21.5, 0));

        var kind = _sut.Check(Temperature(21.5, 0), out var first);

        Assert.Equal(DuplicateKind.Conflict, kind);
        Assert.Equal(20.5, first.Value);
    }

    [Fact]
    public void Check_WithinTheSameMillisecond_SameInstantAsInflux()
    {
        Check(Temperature(20.5, 0));

        Assert.Equal(DuplicateKind.Conflict, Check(Temperature(21.5, 0.0003)));
    }

    [Theory]
    [InlineData(100, 28.3, SampleFaults.None, DuplicateKind.Repeat)]
    [InlineData(101, 28.3, SampleFaults.None, DuplicateKind.Conflict)]
    [InlineData(200, 56.6, SampleFaults.None, DuplicateKind.Conflict)]   // the same concentration from another count and volume
    [InlineData(100, 28.3, SampleFaults.Flow, DuplicateKind.Conflict)]
    public void Check_ParticleSampleAtSameInstant_RepeatOnlyWithSameCountVolumeAndFaults(long count, double litres, SampleFaults faults, DuplicateKind expected)
    {
        Check(Particles(100, 28.3, 0));

        Assert.Equal(expected, Check(Particles(count, litres, 0, faults)));
    }

    [Fact]
    public void Check_OutOfOrderWithinTheWindow_RepeatAndConflictFound()
    {
        Check(Temperature(20.0, 0));
        Check(Temperature(20.1, 1));
        Check(Temperature(20.2, 2));

        Assert.Equal(DuplicateKind.Repeat, Check(Temperature(20.0, 0)));
        Assert.Equal(DuplicateKind.Conflict, Check(Temperature(25.0, 1)));
    }

    [Fact]
    public void Check_LateReadingOfAnInstantNotSeen_NewAndRemembered()
    {
        Check(Temperature(20.0, 0));
        Check(Temperature(20.2, 2));

        Assert.Equal(DuplicateKind.New, Check(Temperature(20.1, 1)));
        Assert.Equal(DuplicateKind.Conflict, Check(Temperature(25.0, 1)));
    }

    [Fact]
    public void Check_OlderThanTheWindowRemembers_Unchecked()
    {
        for (var i = 0; i < 6; i++)
        {
            Check(Temperature(20 + i, i));   // the window of 4 keeps seconds 2-5
        }

        Assert.Equal(DuplicateKind.Repeat, Check(Temperature(22, 2)));
        Assert.Equal(DuplicateKind.Unchecked, Check(Temperature(99, 1)));
    }

    [Fact]
    public void Check_NewestDroppedByLateArrivals_ItsInstantIsUncheckedNotNew()
    {
        Check(Temperature(20, 10));
        for (var i = 0; i < 4; i++)
        {
            Check(Temperature(20 + i, i));   // four late readings push the newest (second 10) out of the ring
        }

        Assert.Equal(DuplicateKind.Unchecked, Check(Temperature(30, 10)));
    }

    [Fact]
    public void Check_OtherSensorOrParameterAtSameInstant_Independent()
    {
        Check(Temperature(20.5, 0));

        Assert.Equal(DuplicateKind.New, Check(Temperature(21.5, 0, sensor: "th2")));
        Assert.Equal(DuplicateKind.New, Check(Temperature(21.5, 0) with { Parameter = Parameter.RelativeHumidity }));
    }

    [Fact]
    public void Seed_StoredBeforeRestart_SameInstantChecked()
    {
        _sut.Seed(new SensorId("th1"), Parameter.Temperature, T0, new RecordedContent(20.5, null, null, SampleFaults.None));

        Assert.Equal(DuplicateKind.Repeat, Check(Temperature(20.5, 0)));
        Assert.Equal(DuplicateKind.Conflict, Check(Temperature(21.5, 0)));
        Assert.Equal(DuplicateKind.New, Check(Temperature(21.5, 1)));
    }

    [Fact]
    public void Describe_ParticleContent_NamesValueCountVolumeAndFaults()
    {
        var text = RecordedContent.Of(Particles(100, 25, 0, SampleFaults.Flow)).Describe(Parameter.ParticlesHalfMicron);

        Assert.Contains("4000", text, StringComparison.Ordinal);
        Assert.Contains("count 100 in 25 L", text, StringComparison.Ordinal);
        Assert.Contains("Flow", text, StringComparison.Ordinal);
    }
}
