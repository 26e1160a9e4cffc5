using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Ingest;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>The primary host application's view of the facility's edge nodes (Sparkplug 3.0 §5.9, docs/instruments.md §3): births
/// register metrics and aliases, DATA becomes samples, deaths and silence become communication loss, a seq gap becomes a
/// data gap and a rebirth request. Pure and single-threaded: messages and ticks go in with their own times, an outcome
/// comes out, so every rule runs the same under a test's clock. One edge node's bad input never touches another's state.</summary>
internal sealed class SparkplugHost(SparkplugMap map, TimeSpan rebirthInterval)
{
    private readonly Dictionary<(string Group, string Node), EdgeNodeState> _nodes = [];
    private readonly HashSet<SensorId> _lost = [];
    private SparkplugOutcome _outcome = new();   // the outcome of the call in progress
    private readonly SparkplugSamples _samples = new(map);

    /// <summary>Sensors currently reported as lost (death or silence), for tests and diagnostics.</summary>
    public IReadOnlyCollection<SensorId> Lost => _lost;

    /// <summary>Handles one message: what it adds to the pipeline, and what must be sent back.</summary>
    public SparkplugOutcome Handle(string topic, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt)
    {
        _outcome = new SparkplugOutcome();
        if (!SparkplugTopic.TryParse(topic, out var parsed))
        {
            // STATE (ours or another host's) is not input; anything else under spBv1.0/ is not a Sparkplug B topic.
            if (!topic.StartsWith(SparkplugTopic.Namespace + "/STATE/", StringComparison.Ordinal))
            {
                Reject(RejectionReason.UnknownTopic, topic, "not a Sparkplug B topic (spBv1.0/<group>/<type>/<edge node>[/<device>])");
            }
            return _outcome;
        }
        var t = parsed.Value;
        if (t.Type is SparkplugMessageType.NCmd or SparkplugMessageType.DCmd)
        {
            return _outcome;   // commands go to edge nodes (our own rebirth requests come back on the group filter)
        }
        if (!map.Maps(t.Group, t.EdgeNode))
        {
            Reject(RejectionReason.UnknownTopic, topic, $"edge node {t.Group}/{t.EdgeNode} feeds no sensor of the facility");
            return _outcome;
        }
        if (!SparkplugPayloadDecoder.TryDecode(payload, out var decoded, out var error))
        {
            Reject(RejectionReason.MalformedPayload, topic, error);
            return _outcome;
        }
        var node = Node(t.Group, t.EdgeNode);
        switch (t.Type)
        {
            case SparkplugMessageType.NBirth:
                OnNodeBirth(t, topic, node, decoded, receivedAt);
                break;
            case SparkplugMessageType.NDeath:
                OnNodeDeath(t, topic, node, decoded, receivedAt);
                break;
            default:
                OnNodeMessage(t, topic, node, decoded, receivedAt);
                break;
        }
        return _outcome;
    }

    /// <summary>Time-driven rule: an edge node silent past its limit has its sensors reported lost until it speaks again.</summary>
    public SparkplugOutcome OnTick(DateTimeOffset now)
    {
        _outcome = new SparkplugOutcome();
        foreach (var ((group, name), node) in _nodes)
        {
            var limit = map.SilenceLimit(group, name);
            if (node.IsBorn && !node.IsSilent && now - node.LastMessageAt > limit)
            {
                node.IsSilent = true;
                Lose(map.SensorsOf(group, name), $"{group}/{name}", $"edge node silent for more than {limit}", now);
            }
        }
        return _outcome;
    }

    private void OnNodeBirth(SparkplugTopic t, string topic, EdgeNodeState node, SparkplugPayload payload, DateTimeOffset receivedAt)
    {
        node.LastMessageAt = receivedAt;
        // Whatever this birth says, the node's previous alias table no longer holds.
        node.Die();
        if (!TryReadSeq(topic, payload, out var seq))
        {
            RequestRebirth(t, node, "NBIRTH without a valid seq", receivedAt);
            return;
        }
        if (payload.Metrics.FirstOrDefault(m => m.Name == SparkplugPayload.BirthSequenceMetric) is not { } bdSeq || !TryReadInteger(bdSeq, out var birthSequence))
        {
            Reject(RejectionReason.MalformedPayload, topic, "NBIRTH without an integer bdSeq metric");
            RequestRebirth(t, node, "NBIRTH without bdSeq", receivedAt);
            return;
        }
        if (!TryRegister(topic, node, null, payload))
        {
            RequestRebirth(t, node, "invalid NBIRTH", receivedAt);
            return;
        }
        node.IsBorn = true;
        node.BirthSequence = birthSequence;
        node.LastSeq = seq;
        node.RebirthRequestedAt = null;
        node.IsSilent = false;
        Restore(map.SensorsOf(t.Group, t.EdgeNode, null), $"{t.Group}/{t.EdgeNode}", "NBIRTH", receivedAt);
        Sample(t, topic, node, payload, receivedAt);
    }

    private void OnNodeDeath(SparkplugTopic t, string topic, EdgeNodeState node, SparkplugPayload payload, DateTimeOffset receivedAt)
    {
        if (!node.IsBorn)
        {
            Reject(RejectionReason.NotBorn, topic, $"NDEATH for edge node {t.Group}/{t.EdgeNode}, which is not born");
            return;
        }
        if (payload.Metrics.FirstOrDefault(m => m.Name == SparkplugPayload.BirthSequenceMetric) is not { } bdSeq || !TryReadInteger(bdSeq, out var birthSequence))
        {
            Reject(RejectionReason.MalformedPayload, topic, "NDEATH without an integer bdSeq metric");
            return;
        }
        if (birthSequence != node.BirthSequence)
        {
            // The will of an older connection, delivered late: the node is alive on its new one (Sparkplug 3.0 §7.3).
            Reject(RejectionReason.StaleDeath, topic, $"NDEATH bdSeq {birthSequence} is not the current NBIRTH's {node.BirthSequence}");
            return;
        }
        node.Die();
        node.LastMessageAt = receivedAt;
        Lose(map.SensorsOf(t.Group, t.EdgeNode), $"{t.Group}/{t.EdgeNode}", $"edge node died (NDEATH, bdSeq {birthSequence})", receivedAt);
    }

    /// <summary>NDATA, DBIRTH, DDATA, DDEATH: they need a born node and carry the node's seq.</summary>
    private void OnNodeMessage(SparkplugTopic t, string topic, EdgeNodeState node, SparkplugPayload payload, DateTimeOffset receivedAt)
    {
        var origin = $"{t.Group}/{t.EdgeNode}";
        if (!node.IsBorn)
        {
            Reject(RejectionReason.NotBorn, topic, $"{Type(t)} from edge node {origin} before its NBIRTH");
            RequestRebirth(t, node, $"{Type(t)} before NBIRTH", receivedAt);
            return;
        }
        if (!TryReadSeq(topic, payload, out var seq))
        {
            return;
        }
        var expected = (node.LastSeq + 1) % 256;
        if (seq == node.LastSeq)
        {
            Reject(RejectionReason.DuplicateSequence, topic, $"seq {seq} repeats the previous message's");
            return;
        }
        if (seq != expected)
        {
            var missing = (seq - expected + 256) % 256;
            _outcome.Events.Add(new SourceEvent(SourceEventKind.DataGap, map.SensorsOf(t.Group, t.EdgeNode).Select(s => s.Id).ToList(), origin,
                $"Sparkplug seq gap: {missing} message(s) missing between seq {node.LastSeq} and {seq}", receivedAt, node.LastMessageAt));
            RequestRebirth(t, node, $"seq {seq} where {expected} was expected", receivedAt);
        }
        node.LastSeq = seq;
        node.LastMessageAt = receivedAt;
        if (node.IsSilent)
        {
            node.IsSilent = false;
            Restore(map.SensorsOf(t.Group, t.EdgeNode).Where(s => node.Born.ContainsKey(s.Sparkplug!.Device ?? string.Empty)), origin, "messages again", receivedAt);
        }
        var device = t.Device ?? string.Empty;
        switch (t.Type)
        {
            case SparkplugMessageType.DBirth:
                foreach (var alias in node.Aliases.Where(a => a.Value.Device == t.Device).Select(a => a.Key).ToList())
                {
                    node.Aliases.Remove(alias);
                }
                node.Born.Remove(device);
                if (TryRegister(topic, node, t.Device, payload))
                {
                    Restore(map.SensorsOf(t.Group, t.EdgeNode, t.Device), $"{origin}/{t.Device}", "DBIRTH", receivedAt);
                    Sample(t, topic, node, payload, receivedAt);
                }
                else
                {
                    RequestRebirth(t, node, "invalid DBIRTH", receivedAt);
                }
                break;
            case SparkplugMessageType.DDeath when !node.Born.ContainsKey(device):
                Reject(RejectionReason.NotBorn, topic, $"DDEATH for device {origin}/{t.Device}, which is not born");
                break;
            case SparkplugMessageType.DDeath:
                node.Born.Remove(device);
                Lose(map.SensorsOf(t.Group, t.EdgeNode, t.Device), $"{origin}/{t.Device}", "device died (DDEATH)", receivedAt);
                break;
            case SparkplugMessageType.DData when !node.Born.ContainsKey(device):
                Reject(RejectionReason.NotBorn, topic, $"DDATA from device {origin}/{t.Device} before its DBIRTH");
                RequestRebirth(t, node, "DDATA before DBIRTH", receivedAt);
                break;
            default:
                Sample(t, topic, node, payload, receivedAt);
                break;
        }
    }

    /// <summary>Registers a birth's metrics (name and datatype required; aliases unique across the node).</summary>
    private bool TryRegister(string topic, EdgeNodeState node, string? device, SparkplugPayload payload)
    {
        var metrics = new Dictionary<string, MetricDefinition>(StringComparer.Ordinal);
        var aliases = new Dictionary<ulong, MetricDefinition>();
        foreach (var metric in payload.Metrics)
        {
            if (metric.Name is not { Length: > 0 } name || metric.DataType is not { } dataType)
            {
                Reject(RejectionReason.MalformedPayload, topic, $"birth metric '{metric.Name ?? $"alias {metric.Alias}"}' without a name or datatype");
                return false;
            }
            var definition = new MetricDefinition(name, dataType, device);
            metrics[name] = definition;
            if (metric.Alias is { } alias && (!aliases.TryAdd(alias, definition) || node.Aliases.ContainsKey(alias)))
            {
                Reject(RejectionReason.MalformedPayload, topic, $"alias {alias} of metric '{name}' is already used by another metric of the edge node");
                return false;
            }
        }
        node.Born[device ?? string.Empty] = metrics;
        foreach (var (alias, definition) in aliases)
        {
            node.Aliases[alias] = definition;
        }
        return true;
    }

    private void Sample(SparkplugTopic t, string topic, EdgeNodeState node, SparkplugPayload payload, DateTimeOffset receivedAt)
    {
        var problem = _samples.Build(t, topic, node, payload, receivedAt, _outcome.Samples);
        if (problem is null)
        {
            return;
        }
        Reject(problem.Reason, topic, problem.Detail);
        if (problem.Reason == RejectionReason.UnknownAlias)
        {
            RequestRebirth(t, node, "unknown alias", receivedAt);   // the host's alias table is out of step (Sparkplug 3.0 §6.4.7)
        }
    }

    private bool TryReadSeq(string topic, SparkplugPayload payload, out int seq)
    {
        seq = 0;
        if (payload.Seq is not ({ } value and <= 255))
        {
            Reject(RejectionReason.MalformedPayload, topic, payload.Seq is null ? "no seq" : $"seq {payload.Seq} is outside 0-255");
            return false;
        }
        seq = (int)value;
        return true;
    }

    private static bool TryReadInteger(SparkplugMetric metric, out ulong value)
    {
        value = metric.Value.Bits;
        return metric.Value.Kind is SparkplugValueKind.Long or SparkplugValueKind.Int;
    }

    private void RequestRebirth(SparkplugTopic t, EdgeNodeState node, string reason, DateTimeOffset now)
    {
        // One request per node until it rebirths or the interval passes: a confused node must not be flooded.
        if (node.RebirthRequestedAt is { } last && now - last < rebirthInterval)
        {
            return;
        }
        node.RebirthRequestedAt = now;
        _outcome.Rebirths.Add(new RebirthRequest(t.Group, t.EdgeNode, reason));
    }

    private void Lose(IEnumerable<Sensor> sensors, string origin, string detail, DateTimeOffset at)
    {
        var lost = sensors.Where(s => _lost.Add(s.Id)).Select(s => s.Id).ToList();
        if (lost.Count > 0)
        {
            _outcome.Events.Add(new SourceEvent(SourceEventKind.CommunicationLost, lost, origin, detail, at));
        }
    }

    private void Restore(IEnumerable<Sensor> sensors, string origin, string detail, DateTimeOffset at)
    {
        var restored = sensors.Where(s => _lost.Remove(s.Id)).Select(s => s.Id).ToList();
        if (restored.Count > 0)
        {
            _outcome.Events.Add(new SourceEvent(SourceEventKind.CommunicationRestored, restored, origin, detail, at));
        }
    }

    private void Reject(RejectionReason reason, string topic, string detail) => _outcome.Rejections.Add(new Rejection(reason, topic, detail));

    private EdgeNodeState Node(string group, string name)
    {
        if (!_nodes.TryGetValue((group, name), out var node))
        {
            _nodes[(group, name)] = node = new EdgeNodeState();
        }
        return node;
    }

    private static string Type(SparkplugTopic t) => t.ToString().Split('/')[2];
}
