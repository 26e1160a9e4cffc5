using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace CleanroomMonitor.Service.Observability;

/// <summary>The aggregated points of one instrument, one per label set, and their Prometheus text.</summary>
internal sealed class InstrumentSeries
{
    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    private static readonly double[] MillisecondsBuckets = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Point> _points = new(StringComparer.Ordinal);
    private readonly double[] _bounds;
    private KeyValuePair<string, object?>[]? _lastTags;   // guarded by _gate, as is _lastLabels
    private string _lastLabels = string.Empty;

    public InstrumentSeries(Instrument instrument)
    {
        Instrument = instrument;
        Kind = instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> or Counter<float>
                or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> or ObservableCounter<float> => "counter",
            Histogram<long> or Histogram<int> or Histogram<double> or Histogram<float> => "histogram",
            _ => "gauge",   // up-down counters (a current level) and gauges
        };
        IsObservable = instrument.IsObservable;
        IsSum = !IsObservable && instrument is not (Gauge<long> or Gauge<int> or Gauge<double> or Gauge<float>);
        _bounds = (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries?.ToArray()
            ?? instrument.Unit switch { "s" => SecondsBuckets, "ms" => MillisecondsBuckets, _ => DefaultBuckets };
        Name = PrometheusName(instrument, Kind);
    }

    public Instrument Instrument { get; }

    /// <summary>counter, gauge or histogram.</summary>
    public string Kind { get; }

    public string Name { get; }

    private bool IsObservable { get; }

    /// <summary>Synchronous counters and up-down counters add; gauges and observable instruments report the value itself.</summary>
    private bool IsSum { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        lock (_gate)
        {
            var labels = LabelsOf(tags);
            if (!_points.TryGetValue(labels, out var point))
            {
                _points[labels] = point = new Point(_bounds.Length);
            }
            if (Kind == "histogram")
            {
                point.Count++;
                point.Value += value;
                var bucket = 0;
                while (bucket < _bounds.Length && value > _bounds[bucket])
                {
                    bucket++;
                }
                point.Buckets[bucket]++;
            }
            else if (IsSum)
            {
                point.Value += value;
            }
            else
            {
                point.Value = value;
            }
        }
    }

    // An instrument is nearly always recorded with the tag set it had last time (one MQTT client, one stage), and
    // some are recorded for every reading: rendering the label text only when the tags change keeps that path cheap.
    private string LabelsOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_lastTags is { } last && last.Length == tags.Length)
        {
            var same = true;
            for (var i = 0; i < tags.Length && same; i++)
            {
                same = ReferenceEquals(last[i].Key, tags[i].Key) && Equals(last[i].Value, tags[i].Value);
            }
            if (same)
            {
                return _lastLabels;
            }
        }
        _lastTags = tags.ToArray();
        return _lastLabels = Labels(tags);
    }

    /// <summary>Observable instruments report afresh at each scrape; a label set they no longer report disappears.</summary>
    public void ResetIfObservable()
    {
        if (IsObservable)
        {
            lock (_gate)
            {
                _points.Clear();
            }
        }
    }

    /// <summary>Writes HELP and TYPE once, then the points of every instrument of the family.</summary>
    public static void WriteFamily(StringBuilder text, IReadOnlyList<InstrumentSeries> family)
    {
        var first = family[0];
        var lines = new StringBuilder();
        foreach (var series in family)
        {
            series.WritePoints(lines);
        }
        if (lines.Length == 0)
        {
            return;
        }
        var help = first.Instrument.Description ?? first.Instrument.Name;
        text.Append("# HELP ").Append(first.Name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.Kind).Append('\n');
        text.Append(lines);
    }

    private void WritePoints(StringBuilder text)
    {
        lock (_gate)
        {
            foreach (var (labels, point) in _points.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (Kind != "histogram")
                {
                    Sample(text, Name, labels, null, point.Value);
                    continue;
                }
                long cumulative = 0;
                for (var i = 0; i < _bounds.Length; i++)
                {
                    cumulative += point.Buckets[i];
                    Sample(text, Name + "_bucket", labels, Number(_bounds[i]), cumulative);
                }
                Sample(text, Name + "_bucket", labels, "+Inf", point.Count);
                Sample(text, Name + "_sum", labels, null, point.Value);
                Sample(text, Name + "_count", labels, null, point.Count);
            }
        }
    }

    private static void Sample(StringBuilder text, string name, string labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? "," : string.Empty).Append("le=\"").Append(le).Append('"');
            }
            text.Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }
        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }
            var rendered = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            text.Append(Sanitise(key)).Append("=\"")
                .Append(rendered.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal))
                .Append('"');
        }
        return text.ToString();
    }

    /// <summary>Prometheus naming: dots to underscores, the unit as a suffix (seconds, milliseconds, bytes), and
    /// <c>_total</c> on counters.</summary>
    internal static string PrometheusName(Instrument instrument, string kind)
    {
        var name = Sanitise(instrument.Name);
        var suffix = instrument.Unit switch { "s" => "_seconds", "ms" => "_milliseconds", "By" => "_bytes", _ => string.Empty };
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }
        if (kind == "counter" && !name.EndsWith("_total", StringComparison.Ordinal))
        {
            name += "_total";
        }
        return name;
    }

    private static string Sanitise(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }
        if (text.Length > 0 && char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }
        return text.ToString();
    }

    private sealed class Point(int buckets)
    {
        public double Value { get; set; }

        public long Count { get; set; }

        public long[] Buckets { get; } = new long[buckets + 1];
    }
}
