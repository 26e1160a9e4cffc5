using CleanroomMonitor.Mqtt.Sparkplug;

namespace CleanroomMonitor.Mqtt.Tests.Sparkplug;

public sealed class SparkplugTopicTests
{
    [Theory]
    [InlineData("spBv1.0/plant/NBIRTH/gw1", "plant", SparkplugMessageType.NBirth, "gw1", null)]
    [InlineData("spBv1.0/plant/NDATA/gw1", "plant", SparkplugMessageType.NData, "gw1", null)]
    [InlineData("spBv1.0/plant/NDEATH/gw1", "plant", SparkplugMessageType.NDeath, "gw1", null)]
    [InlineData("spBv1.0/plant/DBIRTH/gw1/pc-7", "plant", SparkplugMessageType.DBirth, "gw1", "pc-7")]
    [InlineData("spBv1.0/plant/DDATA/gw1/pc-7", "plant", SparkplugMessageType.DData, "gw1", "pc-7")]
    [InlineData("spBv1.0/plant/DDEATH/gw1/pc-7", "plant", SparkplugMessageType.DDeath, "gw1", "pc-7")]
    [InlineData("spBv1.0/plant/NCMD/gw1", "plant", SparkplugMessageType.NCmd, "gw1", null)]
    [InlineData("spBv1.0/plant/DCMD/gw1/pc-7", "plant", SparkplugMessageType.DCmd, "gw1", "pc-7")]
    public void TryParse_ValidTopic_PartsAndRoundTrip(string topic, string group, SparkplugMessageType type, string node, string? device)
    {
        Assert.True(SparkplugTopic.TryParse(topic, out var parsed));

        Assert.Equal(new SparkplugTopic(group, type, node, device), parsed);
        Assert.Equal(topic, parsed.Value.ToString());
    }

    [Theory]
    [InlineData("spBv1.0/STATE/host")]
    [InlineData("spBv1.0/plant/NDATA")]
    [InlineData("spBv1.0/plant/NDATA/gw1/dev")]        // a node type with a device
    [InlineData("spBv1.0/plant/DDATA/gw1")]            // a device type without one
    [InlineData("spBv1.0/plant/ndata/gw1")]
    [InlineData("spBv1.0//NDATA/gw1")]
    [InlineData("spAv1.0/plant/NDATA/gw1")]
    [InlineData("spBv1.0/plant/DDATA/gw1/dev/extra")]
    public void TryParse_NotASparkplugBTopic_False(string topic) => Assert.False(SparkplugTopic.TryParse(topic, out _));

    [Fact]
    public void StateTopic_HostId_IsTheSparkplug3Namespace() => Assert.Equal("spBv1.0/STATE/cm-1", SparkplugTopic.StateTopic("cm-1"));

    [Fact]
    public void HostState_ToJsonThenParse_RoundTrips()
    {
        var json = new SparkplugHostState(true, 1_767_225_600_000).ToJson();

        Assert.Equal("""{"online":true,"timestamp":1767225600000}""", System.Text.Encoding.UTF8.GetString(json));
        Assert.True(SparkplugHostState.TryParse(json, out var state));
        Assert.Equal(new SparkplugHostState(true, 1_767_225_600_000), state);
        Assert.False(SparkplugHostState.TryParse("OFFLINE"u8, out _));
    }
}
