using System.Text;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Mqtt.Decoding;

namespace CleanroomMonitor.Mqtt.Tests.Decoding;

public sealed class JsonSampleDecoderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly Sensor Sensor = new(new SensorId("pc1"), new RoomId("cr1"), null, "room", Grade.B,
        [Parameter.ParticlesHalfMicron, Parameter.ParticlesFiveMicron, Parameter.Temperature], TimeSpan.FromMinutes(1), null, SensorSource.Mqtt, "t/pc1");

    private static (SensorSample? Sample, Rejection? Rejection) Decode(string json)
    {
        var ok = JsonSampleDecoder.TryDecode(Sensor, Encoding.UTF8.GetBytes(json), "t/pc1", Now, out var sample, out var rejection);
        return ok ? (sample, null) : (null, rejection);
    }

    [Fact]
    public void TryDecode_ParticlePayload_ReadsCountsVolumeTimeSequenceAndFaults()
    {
        var (sample, _) = Decode("""
            {"sensor":"pc1","ts":"2026-11-22T07:59:00.250Z","seq":42,"counts":{"particles_0_5um":1520,"particles_5_0um":3},
             "volume_l":28.3,"faults":["flow"],"unit":"ignored"}
            """);

        Assert.NotNull(sample);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 7, 59, 0, 250, TimeSpan.Zero), sample.Timestamp);
        Assert.Equal(42, sample.Sequence);
        Assert.Equal(28.3, sample.VolumeLitres);
        Assert.Equal(SampleFaults.Flow, sample.Faults);
        Assert.Equal([new SampleValue(Parameter.ParticlesHalfMicron, 1520, true), new SampleValue(Parameter.ParticlesFiveMicron, 3, true)], sample.Values);
        Assert.Equal(Now, sample.ReceivedAt);
    }

    [Theory]
    [InlineData("1763798340", 1763798340000)]
    [InlineData("1763798340123", 1763798340123)]
    [InlineData("\"2025-11-22T09:59:00+02:00\"", 1763798340000)]
    public void TryDecode_TimestampForms_AreUtc(string ts, long expectedMs)
    {
        var (sample, _) = Decode($$$"""{"ts":{{{ts}}},"values":{"temperature":21}}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expectedMs), sample!.Timestamp);
        Assert.Equal(TimeSpan.Zero, sample.Timestamp!.Value.Offset);
    }

    [Fact]
    public void TryDecode_NumberAsString_IsAccepted()
    {
        var (sample, _) = Decode("""{"values":{"temperature":"21.25"}}""");

        Assert.Equal(21.25, Assert.Single(sample!.Values).Value);
        Assert.Null(sample.Timestamp);
    }

    [Theory]
    [InlineData("{not json", RejectionReason.MalformedPayload)]
    [InlineData("[1,2]", RejectionReason.MalformedPayload)]
    [InlineData("""{"values":{"temperature":true}}""", RejectionReason.WrongType)]
    [InlineData("""{"values":{"temperature":"NaN"}}""", RejectionReason.NotFinite)]
    [InlineData("""{"values":{"temperature":"-Infinity"}}""", RejectionReason.NotFinite)]
    [InlineData("""{"values":{"temperature":1e999}}""", RejectionReason.NotFinite)]
    [InlineData("""{"values":{"pressure_mbar":1}}""", RejectionReason.UnknownParameter)]
    [InlineData("""{"values":[21]}""", RejectionReason.WrongType)]
    [InlineData("""{"ts":"yesterday","values":{"temperature":21}}""", RejectionReason.WrongType)]
    [InlineData("""{"seq":-1,"values":{"temperature":21}}""", RejectionReason.WrongType)]
    [InlineData("""{"seq":1.5,"values":{"temperature":21}}""", RejectionReason.WrongType)]
    [InlineData("""{"sensor":"pc2","values":{"temperature":21}}""", RejectionReason.UnknownSensor)]
    [InlineData("""{"faults":"flow","values":{"temperature":21}}""", RejectionReason.WrongType)]
    [InlineData("""{"values":{"temperature":21,"temperature":22}}""", RejectionReason.MalformedPayload)]
    [InlineData("""{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}}""", RejectionReason.MalformedPayload)]
    public void TryDecode_BadPayload_IsRejectedWithReason(string json, RejectionReason expected)
    {
        var (sample, rejection) = Decode(json);

        Assert.Null(sample);
        Assert.Equal(expected, rejection!.Reason);
        Assert.Equal("t/pc1", rejection.Origin);
    }

    [Fact]
    public void TryDecode_SaturatedFault_MarksTheSampleSaturated()
    {
        var (sample, _) = Decode("""{"faults":["saturated"],"counts":{"particles_5_0um":3},"volume_l":28.3}""");

        Assert.Equal(SampleFaults.Saturated, sample!.Faults);
    }

    [Fact]
    public void TryDecode_UnknownFaultName_StillMarksTheSampleFaulty()
    {
        var (sample, _) = Decode("""{"faults":["photodiode"],"values":{"temperature":21}}""");

        Assert.Equal(SampleFaults.Other, sample!.Faults);
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D })]
    [InlineData(new byte[] { 0x7B, 0x22, 0x76, 0x61, 0x6C, 0x75, 0x65, 0x73, 0x22, 0x3A, 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D, 0x7D })]
    public void TryDecode_InvalidUtf8InANameOrValue_IsMalformedNotACrash(byte[] payload)
    {
        var ok = JsonSampleDecoder.TryDecode(Sensor, payload, "t/pc1", Now, out _, out var rejection);

        Assert.False(ok);
        Assert.Equal(RejectionReason.MalformedPayload, rejection.Reason);
    }
}
