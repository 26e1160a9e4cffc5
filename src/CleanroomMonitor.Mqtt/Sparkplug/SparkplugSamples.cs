using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>Turns the mapped metrics of a birth or DATA message into samples: one per sensor, timestamp and historical
/// flag (a store-and-forward replay carries many timestamps of one metric in one message). A message is taken whole or
/// refused whole, as JSON messages are: an unknown alias or a datatype mismatch means the host cannot trust the rest.</summary>
internal sealed class SparkplugSamples(SparkplugMap map)
{
    // Year 9999 in Unix milliseconds: anything later cannot be a DateTimeOffset.
    private const ulong MaxTimestamp = 253_402_300_799_999;

    private readonly List<Pending> _pending = [];

    public Rejection? Build(SparkplugTopic t, string topic, EdgeNodeState node, SparkplugPayload payload, DateTimeOffset receivedAt, List<SensorSample> into)
    {
        _pending.Clear();
        var device = t.Device ?? string.Empty;
        var born = node.Born.GetValueOrDefault(device);
        foreach (var metric in payload.Metrics)
        {
            MetricDefinition definition;
            if (metric.Alias is { } alias && metric.Name is null)
            {
                if (!node.Aliases.TryGetValue(alias, out definition) || definition.Device != t.Device)
                {
                    return Reject(RejectionReason.UnknownAlias, $"alias {alias} was not declared by the {(t.Device is null ? "NBIRTH" : "DBIRTH")}");
                }
            }
            else if (metric.Name is { } name)
            {
                if (born is null || !born.TryGetValue(name, out definition))
                {
                    return Reject(RejectionReason.UnknownAlias, $"metric '{name}' was not declared by the {(t.Device is null ? "NBIRTH" : "DBIRTH")}");
                }
            }
            else
            {
                return Reject(RejectionReason.MalformedPayload, "a metric with neither name nor alias");
            }
            if (metric.DataType is { } declared && declared != definition.DataType)
            {
                return Reject(RejectionReason.DatatypeMismatch, $"metric '{definition.Name}' is {declared} here but {definition.DataType} in its birth");
            }
            if (!map.TryGetTarget(t.Group, t.EdgeNode, t.Device, definition.Name, out var target) || metric.IsNull)
            {
                continue;   // a metric no sensor uses (bdSeq, Node Control/*, gateway properties), or no value (is_null)
            }
            if (!TryRead(definition.DataType, metric.Value, out var number))
            {
                return Reject(RejectionReason.DatatypeMismatch,
                    $"metric '{definition.Name}' is declared {definition.DataType} and carries a {metric.Value.Kind} value; parameter {Name(target)} needs a number");
            }
            if ((metric.Timestamp ?? payload.Timestamp) is > MaxTimestamp)
            {
                return Reject(RejectionReason.MalformedPayload, $"timestamp {metric.Timestamp ?? payload.Timestamp} of metric '{definition.Name}' is not a time");
            }
            var problem = Add(target, metric.Timestamp ?? payload.Timestamp, metric.IsHistorical, number);
            if (problem is not null)
            {
                return Reject(RejectionReason.MalformedPayload, problem);
            }
        }
        foreach (var p in _pending)
        {
            DateTimeOffset? timestamp = p.Timestamp is { } ms ? DateTimeOffset.UnixEpoch.AddMilliseconds(ms) : null;
            into.Add(new SensorSample(p.Sensor.Id, timestamp, receivedAt, p.Values, topic, p.Volume, IsHistorical: p.IsHistorical));
        }
        return null;

        Rejection Reject(RejectionReason reason, string detail)
        {
            _pending.Clear();
            return new Rejection(reason, topic, detail);
        }
    }

    private string? Add(SparkplugTarget target, ulong? timestamp, bool historical, double number)
    {
        var pending = _pending.Find(p => p.Sensor == target.Sensor && p.Timestamp == timestamp && p.IsHistorical == historical);
        if (pending is null)
        {
            _pending.Add(pending = new Pending(target.Sensor, timestamp, historical));
        }
        if (target.Parameter is not { } parameter)
        {
            if (pending.Volume is not null)
            {
                return $"the sampled volume of sensor '{target.Sensor.Id}' appears twice for one time";
            }
            pending.Volume = number;
            return null;
        }
        if (pending.Values.Exists(v => v.Parameter == parameter))
        {
            return $"{parameter.WireName()} of sensor '{target.Sensor.Id}' appears twice for one time";
        }
        // Particle channels arrive as counts per sample with the sampled volume, as in the JSON schema (docs/mqtt.md).
        pending.Values.Add(new SampleValue(parameter, number, parameter.Info().IsParticleCount));
        return null;
    }

    /// <summary>A numeric datatype and the oneof member it travels in (Sparkplug 3.0 §6.4.16); anything else is a mismatch.</summary>
    internal static bool TryRead(SparkplugDataType dataType, SparkplugValue value, out double number)
    {
        var bits = value.Bits;
        double? result = (dataType, value.Kind) switch
        {
            (SparkplugDataType.Int8, SparkplugValueKind.Int) => unchecked((sbyte)bits),
            (SparkplugDataType.Int16, SparkplugValueKind.Int) => unchecked((short)bits),
            (SparkplugDataType.Int32, SparkplugValueKind.Int) => unchecked((int)bits),
            (SparkplugDataType.UInt8 or SparkplugDataType.UInt16 or SparkplugDataType.UInt32, SparkplugValueKind.Int) => (uint)bits,
            (SparkplugDataType.Int64, SparkplugValueKind.Long) => unchecked((long)bits),
            (SparkplugDataType.UInt64, SparkplugValueKind.Long) => bits,
            (SparkplugDataType.Float, SparkplugValueKind.Float) => value.Real,
            (SparkplugDataType.Double, SparkplugValueKind.Double) => value.Real,
            _ => null,
        };
        number = result ?? 0;
        return result is not null;
    }

    private static string Name(SparkplugTarget target) => target.Parameter?.WireName() ?? "volume_l";

    private sealed class Pending(Sensor sensor, ulong? timestamp, bool isHistorical)
    {
        public Sensor Sensor { get; } = sensor;

        public ulong? Timestamp { get; } = timestamp;

        public bool IsHistorical { get; } = isHistorical;

        public List<SampleValue> Values { get; } = new(2);

        public double? Volume { get; set; }
    }
}
