using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Tests.Ingest;

public sealed class SampleNormalizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly SensorId Pc = new("pc1");
    private static readonly SensorId Th = new("th1");
    private readonly SampleNormalizer _sut = new(TestFacility.Create(), new IngestOptions());
    private readonly List<Reading> _readings = [];

    private static SensorSample Particles(long small, long large, double? volume = 28.3, DateTimeOffset? ts = null) =>
        new(Pc, ts ?? Now, Now, [new(Parameter.ParticlesHalfMicron, small, true), new(Parameter.ParticlesFiveMicron, large, true)], "topic", volume);

    private static SensorSample Climate(double temperature, DateTimeOffset? ts = null) =>
        new(Th, ts, Now, [new(Parameter.Temperature, temperature, false)], "topic");

    [Fact]
    public void Normalize_ParticleCounts_BecomePerCubicMetreUsingSampledVolume()
    {
        Assert.Null(_sut.Normalize(Particles(100, 1, volume: 28.3), _readings));

        var large = _readings.Single(r => r.Parameter == Parameter.ParticlesFiveMicron);
        Assert.Equal(1000.0 / 28.3, large.Value, 9);
        Assert.Equal(1, large.Count);
        Assert.Equal(28.3, large.VolumeLitres);
        Assert.Equal(new RoomId("cr1"), large.Room);
        Assert.Equal(100 * 1000.0 / 28.3, _readings.Single(r => r.Parameter == Parameter.ParticlesHalfMicron).Value, 9);
    }

    [Fact]
    public void Normalize_NoTimestamp_UsesReceiveTimeAndMarksIt()
    {
        Assert.Null(_sut.Normalize(Climate(21.5), _readings));

        var reading = Assert.Single(_readings);
        Assert.Equal(Now, reading.Timestamp);
        Assert.Equal(TimeSource.Receiver, reading.TimeSource);
    }

    [Fact]
    public void Normalize_DeviceTimestamp_IsKept()
    {
        Assert.Null(_sut.Normalize(Climate(21.5, Now.AddSeconds(-30)), _readings));

        Assert.Equal(TimeSource.Device, _readings[0].TimeSource);
        Assert.Equal(Now.AddSeconds(-30), _readings[0].Timestamp);
    }

    public static TheoryData<string, RejectionReason> BadSamples() => new()
    {
        { "unknown sensor", RejectionReason.UnknownSensor },
        { "empty", RejectionReason.Empty },
        { "nan", RejectionReason.NotFinite },
        { "infinity", RejectionReason.NotFinite },
        { "negative count", RejectionReason.NegativeCount },
        { "fractional count", RejectionReason.WrongType },
        { "no volume", RejectionReason.InvalidVolume },
        { "zero volume", RejectionReason.InvalidVolume },
        { "subnormal volume", RejectionReason.InvalidVolume },
        { "future", RejectionReason.TimestampInFuture },
        { "ancient", RejectionReason.TimestampTooOld },
        { "parameter not measured", RejectionReason.UnknownParameter },
        { "impossible humidity", RejectionReason.OutOfRange },
        { "count sent as value", RejectionReason.WrongType },
    };

    [Theory]
    [MemberData(nameof(BadSamples))]
    public void Normalize_BadSample_IsRejectedWithReasonAndNothingAdded(string name, RejectionReason expected)
    {
        var sample = name switch
        {
            "unknown sensor" => Climate(21) with { Sensor = new SensorId("nope") },
            "empty" => Climate(21) with { Values = [] },
            "nan" => Climate(double.NaN),
            "infinity" => Climate(double.PositiveInfinity),
            "negative count" => Particles(-1, 0),
            "fractional count" => Particles(0, 0) with { Values = [new(Parameter.ParticlesHalfMicron, 1.5, true)] },
            "no volume" => Particles(10, 0, volume: null),
            "zero volume" => Particles(10, 0, volume: 0),
            "subnormal volume" => Particles(10, 0, volume: 1e-320),
            "future" => Climate(21, Now.AddMinutes(3)),
            "ancient" => Climate(21, Now.AddDays(-8)),
            "parameter not measured" => Climate(21) with { Values = [new(Parameter.Co2, 5, false)] },
            "impossible humidity" => Climate(21) with { Values = [new(Parameter.RelativeHumidity, 140, false)] },
            "count sent as value" => Particles(0, 0) with { Values = [new(Parameter.ParticlesHalfMicron, 10, false)] },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        var rejection = _sut.Normalize(sample, _readings);

        Assert.Equal(expected, rejection?.Reason);
        Assert.Equal("topic", rejection!.Origin);
        Assert.Empty(_readings);
    }

    [Fact]
    public void Normalize_OneBadChannel_RejectsTheWholeSample()
    {
        var sample = Particles(10, -1);

        Assert.NotNull(_sut.Normalize(sample, _readings));
        Assert.Empty(_readings);
    }

    [Fact]
    public void Normalize_FaultySample_IsAcceptedWithItsFaults()
    {
        Assert.Null(_sut.Normalize(Particles(10, 0) with { Faults = SampleFaults.Flow }, _readings));

        Assert.All(_readings, r => Assert.False(r.IsValid));
    }

    [Fact]
    public void Normalize_FiveMicronCountAboveHalfMicronCount_FlagsEveryReadingInconsistentCounts()
    {
        Assert.Null(_sut.Normalize(Particles(10, 11), _readings));

        Assert.Equal(2, _readings.Count);
        Assert.All(_readings, r => Assert.Equal(SampleFaults.InconsistentCounts, r.Faults));
    }

    [Fact]
    public void Normalize_InvertedCountsOfAFaultySample_KeepsTheInstrumentFaultToo()
    {
        Assert.Null(_sut.Normalize(Particles(0, 3) with { Faults = SampleFaults.Flow }, _readings));

        Assert.All(_readings, r => Assert.Equal(SampleFaults.Flow | SampleFaults.InconsistentCounts, r.Faults));
    }

    [Theory]
    [InlineData(11, 11)]
    [InlineData(0, 0)]
    [InlineData(12, 11)]
    public void Normalize_FiveMicronCountNotAboveHalfMicronCount_IsValid(long small, long large)
    {
        Assert.Null(_sut.Normalize(Particles(small, large), _readings));

        Assert.All(_readings, r => Assert.True(r.IsValid));
    }

    [Fact]
    public void Normalize_OnlyOneParticleChannel_IsNotComparedAndStaysValid()
    {
        var sample = Particles(0, 0) with { Values = [new(Parameter.ParticlesFiveMicron, 7, true)] };

        Assert.Null(_sut.Normalize(sample, _readings));

        Assert.True(Assert.Single(_readings).IsValid);
    }

    [Fact]
    public void Normalize_NoValueLeftBesideSaturatedChannels_IsRejectedAsDeviceFault()
    {
        var sample = Particles(0, 0) with { Values = [], Faults = SampleFaults.Saturated };

        var rejection = _sut.Normalize(sample, _readings);

        Assert.Equal(RejectionReason.DeviceFault, rejection?.Reason);
        Assert.Contains("device fault", rejection!.Detail, StringComparison.Ordinal);
        Assert.Empty(_readings);
    }

    [Fact]
    public void Normalize_SaturatedChannelBesideValidOnes_IsAcceptedWithTheFault()
    {
        var sample = Particles(0, 0) with { Values = [new(Parameter.ParticlesHalfMicron, 120, true)], Faults = SampleFaults.Saturated };

        Assert.Null(_sut.Normalize(sample, _readings));

        Assert.Equal(SampleFaults.Saturated, Assert.Single(_readings).Faults);
    }

    [Theory]
    [InlineData(119, true)]
    [InlineData(121, false)]
    public void Normalize_FutureSkewBoundary_IsTwoMinutes(int secondsAhead, bool accepted) =>
        Assert.Equal(accepted, _sut.Normalize(Climate(21, Now.AddSeconds(secondsAhead)), _readings) is null);
}
