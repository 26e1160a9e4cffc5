namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>A Sparkplug B payload (Tahu <c>Payload</c>): fields 1 timestamp, 2 metrics, 3 seq, 4 uuid; 5 body is not mapped.</summary>
/// <param name="Timestamp">Milliseconds since the Unix epoch (UTC) when the message was made.</param>
/// <param name="Metrics">The metrics, in wire order.</param>
/// <param name="Seq">The edge node's message sequence number, 0–255; absent in NDEATH.</param>
/// <param name="Uuid">Optional payload schema id.</param>
public sealed record SparkplugPayload(ulong? Timestamp, IReadOnlyList<SparkplugMetric> Metrics, ulong? Seq = null, string? Uuid = null)
{
    /// <summary>Sparkplug 3.0 §6.4.19: NBIRTH and NDEATH carry the connection's birth/death sequence number under this name.</summary>
    public const string BirthSequenceMetric = "bdSeq";
}
