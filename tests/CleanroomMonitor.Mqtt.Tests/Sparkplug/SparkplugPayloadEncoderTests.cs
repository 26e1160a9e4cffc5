using CleanroomMonitor.Mqtt.Sparkplug;

namespace CleanroomMonitor.Mqtt.Tests.Sparkplug;

public sealed class SparkplugPayloadEncoderTests
{
    private const ulong T0 = 1_767_225_600_000;

    [Fact]
    public void Encode_BirthOfTheGoldenCase_GivesTheHandWrittenBytes()
    {
        var birth = new SparkplugPayload(T0,
        [
            new SparkplugMetric("bdSeq", DataType: SparkplugDataType.Int64, Value: SparkplugValue.OfLong(0)),
            new SparkplugMetric("Node Control/Rebirth", DataType: SparkplugDataType.Boolean, Value: SparkplugValue.OfBoolean(false)),
            new SparkplugMetric("Room/Temperature", Alias: 1, DataType: SparkplugDataType.Float, Value: SparkplugValue.OfFloat(20.5f)),
            new SparkplugMetric("Room/Offset", Alias: 2, DataType: SparkplugDataType.Int8, Value: SparkplugValue.OfSignedInt(-5)),
        ], Seq: 0);

        Assert.Equal(Convert.ToHexString(SparkplugGolden.Bytes("nbirth")), Convert.ToHexString(SparkplugPayloadEncoder.Encode(birth)));
    }

    [Fact]
    public void Encode_DataByAlias_GivesTheHandWrittenBytes()
    {
        var data = new SparkplugPayload(T0 + 1000, [new SparkplugMetric(null, Alias: 1, Timestamp: T0 + 900, Value: SparkplugValue.OfFloat(21.25f))], Seq: 1);

        Assert.Equal(Convert.ToHexString(SparkplugGolden.Bytes("ndata-alias")), Convert.ToHexString(SparkplugPayloadEncoder.Encode(data)));
    }

    public static TheoryData<SparkplugMetric> Metrics() => new()
    {
        new SparkplugMetric("i32", 1, T0, SparkplugDataType.Int32, Value: SparkplugValue.OfSignedInt(int.MinValue)),
        new SparkplugMetric("u32", 2, null, SparkplugDataType.UInt32, Value: SparkplugValue.OfInt(uint.MaxValue)),
        new SparkplugMetric("i64", 3, null, SparkplugDataType.Int64, Value: SparkplugValue.OfSignedLong(-1)),
        new SparkplugMetric("u64", ulong.MaxValue, ulong.MaxValue, SparkplugDataType.UInt64, Value: SparkplugValue.OfLong(ulong.MaxValue)),
        new SparkplugMetric("f", null, null, SparkplugDataType.Float, IsHistorical: true, Value: SparkplugValue.OfFloat(-0.125f)),
        new SparkplugMetric("d", null, null, SparkplugDataType.Double, IsTransient: true, Value: SparkplugValue.OfDouble(double.Epsilon)),
        new SparkplugMetric("b", null, null, SparkplugDataType.Boolean, Value: SparkplugValue.OfBoolean(true)),
        new SparkplugMetric("s", null, null, SparkplugDataType.String, Value: SparkplugValue.OfString("grade A – Ω")),
        new SparkplugMetric("n", 9, null, SparkplugDataType.Double, IsNull: true),
        new SparkplugMetric(null, 7, T0, Value: SparkplugValue.OfDouble(double.NaN)),
    };

    [Theory, MemberData(nameof(Metrics))]
    public void EncodeThenDecode_EachDatatype_RoundTrips(SparkplugMetric metric)
    {
        var payload = new SparkplugPayload(T0, [metric], Seq: 200, Uuid: "u");

        Assert.True(SparkplugPayloadDecoder.TryDecode(SparkplugPayloadEncoder.Encode(payload), out var decoded, out _));

        Assert.Equal(SparkplugGolden.Describe(payload), SparkplugGolden.Describe(decoded));
    }

    [Fact]
    public void EncodeThenDecode_HundredMetrics_KeepsOrder()
    {
        var payload = new SparkplugPayload(T0, Enumerable.Range(0, 100).Select(i => new SparkplugMetric($"m{i}", (ulong)i, T0 + (ulong)i,
            SparkplugDataType.Double, Value: SparkplugValue.OfDouble(i / 3.0))).ToList(), Seq: 255);

        Assert.True(SparkplugPayloadDecoder.TryDecode(SparkplugPayloadEncoder.Encode(payload), out var decoded, out _));

        Assert.Equal(SparkplugGolden.Describe(payload), SparkplugGolden.Describe(decoded));
    }
}
