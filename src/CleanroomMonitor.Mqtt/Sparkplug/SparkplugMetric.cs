namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>One metric of a Sparkplug B payload (Tahu <c>Payload.Metric</c>, fields 1–7 and the value oneof).
/// Metadata, properties, datasets and templates are not mapped: the decoder ignores them, the encoder never writes them.</summary>
/// <param name="Name">Field 1; births carry it, DATA may carry only the <paramref name="Alias"/>.</param>
/// <param name="Alias">Field 2.</param>
/// <param name="Timestamp">Field 3, milliseconds since the Unix epoch (UTC).</param>
/// <param name="DataType">Field 4; required in births.</param>
/// <param name="IsHistorical">Field 5: a value replayed from the edge node's store-and-forward buffer.</param>
/// <param name="IsTransient">Field 6: not to be stored by historians (we store sensor values regardless: GMP records).</param>
/// <param name="IsNull">Field 7: the metric has no value.</param>
/// <param name="Value">The oneof value (fields 10–19).</param>
public sealed record SparkplugMetric(
    string? Name,
    ulong? Alias = null,
    ulong? Timestamp = null,
    SparkplugDataType? DataType = null,
    bool IsHistorical = false,
    bool IsTransient = false,
    bool IsNull = false,
    SparkplugValue Value = default);
