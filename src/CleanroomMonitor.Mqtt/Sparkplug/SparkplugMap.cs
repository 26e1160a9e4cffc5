using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Mqtt.Sparkplug;

/// <summary>The facility's Sparkplug mapping as look-ups: (group, edge node, device, metric name) → sensor parameter
/// (or the sensor's sampled volume), and each edge node's sensors for communication events.</summary>
internal sealed class SparkplugMap
{
    private readonly Dictionary<(string Group, string Node, string? Device, string Metric), SparkplugTarget> _targets = [];
    private readonly Dictionary<(string Group, string Node), List<Sensor>> _nodes = [];

    public SparkplugMap(FacilityDefinition facility)
    {
        foreach (var sensor in facility.Sensors)
        {
            if (sensor.Sparkplug is not { } address)
            {
                continue;
            }
            foreach (var (parameter, metric) in address.Metrics)
            {
                _targets[(address.Group, address.EdgeNode, address.Device, metric)] = new SparkplugTarget(sensor, parameter);
            }
            if (address.VolumeMetric is { } volume)
            {
                _targets[(address.Group, address.EdgeNode, address.Device, volume)] = new SparkplugTarget(sensor, null);
            }
            var key = (address.Group, address.EdgeNode);
            if (!_nodes.TryGetValue(key, out var sensors))
            {
                _nodes[key] = sensors = [];
            }
            sensors.Add(sensor);
        }
        Groups = _nodes.Keys.Select(k => k.Group).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The groups the facility maps sensors in: the service subscribes to these only.</summary>
    public IReadOnlyList<string> Groups { get; }

    public bool IsEmpty => _nodes.Count == 0;

    public bool Maps(string group, string node) => _nodes.ContainsKey((group, node));

    public bool TryGetTarget(string group, string node, string? device, string metric, out SparkplugTarget target) =>
        _targets.TryGetValue((group, node, device, metric), out target);

    /// <summary>Every sensor fed by the edge node, its devices' included (seq and death are node-wide).</summary>
    public IEnumerable<Sensor> SensorsOf(string group, string node) => _nodes.GetValueOrDefault((group, node)) ?? [];

    /// <summary>The sensors fed by one device of the node, or by the node's own metrics when <paramref name="device"/> is null.</summary>
    public IEnumerable<Sensor> SensorsOf(string group, string node, string? device) =>
        SensorsOf(group, node).Where(s => s.Sparkplug!.Device == device);

    /// <summary>How long the node may stay silent before its sensors count as lost: the longest <see cref="Sensor.GapAfter"/>
    /// of its sensors, because Sparkplug nodes report by exception and the slowest sensor sets the expectation.</summary>
    public TimeSpan SilenceLimit(string group, string node) => SensorsOf(group, node).Select(s => s.GapAfter).DefaultIfEmpty(TimeSpan.FromMinutes(1)).Max();
}
