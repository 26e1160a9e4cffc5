using CleanroomMonitor.Mqtt.Sparkplug;

namespace CleanroomMonitor.Mqtt.Tests.Sparkplug;

public sealed class SparkplugPayloadDecoderTests
{
    public static TheoryData<string> Cases() => new(SparkplugGolden.Cases());

    [Theory, MemberData(nameof(Cases))]
    public void TryDecode_GoldenCase_MatchesExpected(string name)
    {
        var ok = SparkplugPayloadDecoder.TryDecode(SparkplugGolden.Bytes(name), out var payload, out var error);

        Assert.Equal(SparkplugGolden.Expected(name), ok ? SparkplugGolden.Describe(payload) : "error");
        Assert.Equal(ok, error.Length == 0);
    }

    [Fact]
    public void TryDecode_Int8InIntValue_ReadsTwosComplement()
    {
        SparkplugPayloadDecoder.TryDecode(SparkplugGolden.Bytes("nbirth"), out var payload, out _);

        var offset = payload.Metrics.Single(m => m.Name == "Room/Offset");

        Assert.True(SparkplugSamples.TryRead(offset.DataType!.Value, offset.Value, out var number));
        Assert.Equal(-5, number);
    }

    [Fact]
    public void TryDecode_EveryTruncationOfABirth_NeverThrows()
    {
        var bytes = SparkplugGolden.Bytes("nbirth");

        for (var length = 0; length < bytes.Length; length++)
        {
            // Some prefixes end on a field boundary and are valid (shorter) payloads; none may throw.
            SparkplugPayloadDecoder.TryDecode(bytes.AsMemory(0, length), out _, out _);
        }
    }

    // The generated parser would keep these as unknown fields or throw; either way the decoder must return a reason.
    [Theory]
    [InlineData("120412020102")]   // a metric whose alias (varint) is sent length-delimited
    [InlineData("12024001")]       // a metric whose metadata (message) is sent as a varint
    [InlineData("12030a01ff")]     // a metric name that is not UTF-8
    public void TryDecode_MalformedMetric_IsRejectedWithAReason(string hex)
    {
        Assert.False(SparkplugPayloadDecoder.TryDecode(Convert.FromHexString(hex), out _, out var error));

        Assert.StartsWith("not a Sparkplug B protobuf payload: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_EmptyPayload_IsAnEmptyMessage()
    {
        Assert.True(SparkplugPayloadDecoder.TryDecode(ReadOnlyMemory<byte>.Empty, out var payload, out _));

        Assert.Empty(payload.Metrics);
        Assert.Null(payload.Seq);
    }

    [Fact]
    public void TryDecode_SliceOfALargerBuffer_ReadsOnlyTheSlice()
    {
        var bytes = SparkplugGolden.Bytes("ndeath");
        var padded = new byte[bytes.Length + 6];
        bytes.CopyTo(padded, 3);

        Assert.True(SparkplugPayloadDecoder.TryDecode(padded.AsMemory(3, bytes.Length), out var payload, out _));

        Assert.Equal(SparkplugGolden.Expected("ndeath"), SparkplugGolden.Describe(payload));
    }
}
