using CleanroomMonitor.Mqtt.Sparkplug;

namespace CleanroomMonitor.Mqtt.Tests.Sparkplug;

/// <summary>Builds what one edge node sends, with its seq and bdSeq kept as a real node keeps them.</summary>
internal sealed class TestEdgeNode(string group, string node, ulong birthSequence = 0)
{
    public const ulong T0 = 1_767_225_600_000;
    private int _seq;

    public ulong BirthSequence { get; set; } = birthSequence;

    public static SparkplugMetric Double(string name, double value, ulong? alias = null) =>
        new(name, alias, DataType: SparkplugDataType.Double, Value: SparkplugValue.OfDouble(value));

    public static SparkplugMetric Float(string name, float value, ulong? alias = null) =>
        new(name, alias, DataType: SparkplugDataType.Float, Value: SparkplugValue.OfFloat(value));

    public static SparkplugMetric ByAlias(ulong alias, double value, ulong? timestamp = null, bool historical = false) =>
        new(null, alias, timestamp, IsHistorical: historical, Value: SparkplugValue.OfDouble(value));

    public (string Topic, byte[] Payload) Birth(params SparkplugMetric[] metrics)
    {
        _seq = 0;
        return (Topic(SparkplugMessageType.NBirth, null), Encode([BdSeq(), new SparkplugMetric(RebirthRequest.MetricName,
            DataType: SparkplugDataType.Boolean, Value: SparkplugValue.OfBoolean(false)), .. metrics], 0));
    }

    public (string Topic, byte[] Payload) Data(params SparkplugMetric[] metrics) => (Topic(SparkplugMessageType.NData, null), Encode(metrics, Next()));

    public (string Topic, byte[] Payload) DeviceBirth(string device, params SparkplugMetric[] metrics) =>
        (Topic(SparkplugMessageType.DBirth, device), Encode(metrics, Next()));

    public (string Topic, byte[] Payload) DeviceData(string device, params SparkplugMetric[] metrics) =>
        (Topic(SparkplugMessageType.DData, device), Encode(metrics, Next()));

    public (string Topic, byte[] Payload) DeviceDeath(string device) => (Topic(SparkplugMessageType.DDeath, device), Encode([], Next()));

    /// <summary>The NDEATH will: only bdSeq, no seq.</summary>
    public (string Topic, byte[] Payload) Death() => (Topic(SparkplugMessageType.NDeath, null), Encode([BdSeq()], null));

    /// <summary>Loses <paramref name="messages"/> messages on the way: the next one carries a seq that far ahead.</summary>
    public void Skip(int messages) => _seq = (_seq + messages) % 256;

    /// <summary>Sends the previous seq again with the next message.</summary>
    public void Repeat() => _seq = (_seq + 255) % 256;

    private int Next() => _seq = (_seq + 1) % 256;

    private SparkplugMetric BdSeq() => new(SparkplugPayload.BirthSequenceMetric, DataType: SparkplugDataType.Int64, Value: SparkplugValue.OfLong(BirthSequence));

    private string Topic(SparkplugMessageType type, string? device) => new SparkplugTopic(group, type, node, device).ToString();

    private static byte[] Encode(IReadOnlyList<SparkplugMetric> metrics, int? seq) =>
        SparkplugPayloadEncoder.Encode(new SparkplugPayload(T0, metrics, (ulong?)seq));
}
