namespace CleanroomMonitor.Core.Facility;

/// <summary>Where a Sparkplug B sensor's values arrive: the metrics of one edge node, or of one device behind it, in one
/// Sparkplug group (topic <c>spBv1.0/&lt;group&gt;/&lt;type&gt;/&lt;edge node&gt;[/&lt;device&gt;]</c>).</summary>
/// <param name="Group">The Sparkplug group id.</param>
/// <param name="EdgeNode">The edge node id.</param>
/// <param name="Device">The device id, or null when the metrics are the edge node's own (NBIRTH/NDATA).</param>
/// <param name="Metrics">The metric name each parameter of the sensor arrives under; every parameter has one.</param>
/// <param name="VolumeMetric">For a particle counter: the metric carrying the sampled volume in litres; its counts are
/// per sample, like the JSON schema's <c>counts</c> with <c>volume_l</c> (docs/mqtt.md).</param>
public sealed record SparkplugAddress(string Group, string EdgeNode, string? Device, IReadOnlyDictionary<Parameter, string> Metrics, string? VolumeMetric)
{
    /// <summary>The edge node's own topic prefix, or the device's: <c>group/edge node[/device]</c>.</summary>
    public override string ToString() => Device is null ? $"{Group}/{EdgeNode}" : $"{Group}/{EdgeNode}/{Device}";
}
