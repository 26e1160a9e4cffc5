namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>The host needs a fresh NBIRTH from an edge node (seq gap, unknown alias, DATA before BIRTH): an NCMD with
/// <c>Node Control/Rebirth</c> = true is sent (Sparkplug 3.0 §6.4.17 / docs/instruments.md §3).</summary>
public sealed record RebirthRequest(string Group, string EdgeNode, string Reason)
{
    public const string MetricName = "Node Control/Rebirth";

    public string Topic => new SparkplugTopic(Group, SparkplugMessageType.NCmd, EdgeNode, null).ToString();

    public static byte[] Payload(DateTimeOffset now) => SparkplugPayloadEncoder.Encode(new SparkplugPayload(
        (ulong)now.ToUnixTimeMilliseconds(),
        [new SparkplugMetric(MetricName, DataType: SparkplugDataType.Boolean, Value: SparkplugValue.OfBoolean(true))]));
}
