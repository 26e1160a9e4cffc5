namespace CleanroomMonitor.Core.Facility;

public static partial class FacilityReader
{
    private sealed partial class Validation
    {
        private const string VolumeKey = "volume_l";

        // (group, edge node, device, metric) → the sensor path that claimed it: one metric feeds one sensor parameter.
        private readonly Dictionary<(string, string, string?, string), string> _sparkplugMetrics = [];

        /// <summary>The <c>sparkplug</c> block of a sensor: required for source "sparkplug", forbidden otherwise.</summary>
        private SparkplugAddress? ReadSparkplug(SparkplugFile? file, SensorSource? source, List<Parameter> parameters, string sensorPath)
        {
            var path = sensorPath + ".sparkplug";
            if (source != SensorSource.Sparkplug)
            {
                if (file is not null)
                {
                    Error(path, file.Group, "no sparkplug block (only sensors with source \"sparkplug\" have one)");
                }
                return null;
            }
            if (file is null)
            {
                Error(path, null, "a sparkplug block with group, edgeNode, optional device and metrics (parameter → metric name)");
                return null;
            }
            var group = SparkplugId(file.Group, path + ".group", required: true);
            var node = SparkplugId(file.EdgeNode, path + ".edgeNode", required: true);
            var device = SparkplugId(file.Device, path + ".device", required: false);
            var metrics = new Dictionary<Parameter, string>();
            string? volume = null;
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, metric) in file.Metrics ?? [])
            {
                var metricPath = $"{path}.metrics.{key}";
                if (string.IsNullOrWhiteSpace(metric))
                {
                    Error(metricPath, metric, "the name of a Sparkplug metric");
                    continue;
                }
                if (!names.Add(metric))
                {
                    Error(metricPath, metric, "a metric not used by another parameter of this sensor");
                    continue;
                }
                if (key == VolumeKey)
                {
                    volume = metric;
                }
                else if (ParameterCatalog.TryParse(key, out var info) && parameters.Contains(info.Parameter))
                {
                    metrics[info.Parameter] = metric;
                }
                else
                {
                    Error(metricPath, metric, $"a key that is one of this sensor's parameters ({string.Join(", ", parameters.Select(p => p.WireName()))}) or {VolumeKey}");
                    continue;
                }
                if (group is not null && node is not null && !_sparkplugMetrics.TryAdd((group, node, device, metric), sensorPath))
                {
                    Error(metricPath, metric, $"a metric not mapped by another sensor ({_sparkplugMetrics[(group, node, device, metric)]} has it)");
                }
            }
            var given = (file.Metrics ?? []).Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var parameter in parameters.Where(p => !given.Contains(p.WireName())))
            {
                Error($"{path}.metrics.{parameter.WireName()}", null, "the metric name this parameter arrives under (every parameter needs one)");
            }
            var counts = parameters.Any(p => p.Info().IsParticleCount);
            if (counts && volume is null)
            {
                Error($"{path}.metrics.{VolumeKey}", null, "the metric carrying the sampled volume in litres (particle counts are per sample)");
            }
            else if (!counts && volume is not null)
            {
                Error($"{path}.metrics.{VolumeKey}", volume, "no volume metric (only particle counters have one)");
            }
            return group is null || node is null ? null : new SparkplugAddress(group, node, device, metrics, volume);
        }

        /// <summary>Sparkplug ids are MQTT topic levels: non-empty, no '/', '+' or '#' (Sparkplug 3.0 §4.1.1).</summary>
        private string? SparkplugId(string? value, string path, bool required)
        {
            if (value is null && !required)
            {
                return null;
            }
            if (string.IsNullOrEmpty(value) || value.AsSpan().IndexOfAny("/+#\0") >= 0)
            {
                Error(path, value, "a Sparkplug id: not empty, without '/', '+' or '#'");
                return null;
            }
            return value;
        }
    }
}
