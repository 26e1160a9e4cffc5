using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace CleanroomMonitor.Service.Observability;

/// <summary>Exposes the service's own <see cref="System.Diagnostics.Metrics"/> instruments (meters named
/// <c>CleanroomMonitor.*</c> created through this host's <see cref="IMeterFactory"/>) in the Prometheus text format
/// 0.0.4. A <see cref="MeterListener"/> aggregates measurements as they happen: counters become <c>_total</c> series,
/// up-down counters and gauges become gauges, histograms become cumulative <c>_bucket</c>/<c>_sum</c>/<c>_count</c>;
/// observable instruments are read at each scrape.</summary>
/// <remarks>prometheus-net's meter adapter would change the documented series names and export counters as gauges
/// (docs/architecture.md says how), and this is all a Prometheus scrape needs. Only the
/// host's own meters are listened to (<see cref="Meter.Scope"/> is the factory), so two hosts in one process (tests)
/// never mix their figures. Create it before the host starts so no early measurement is missed.</remarks>
public sealed class PrometheusExporter : IDisposable
{
    public const string MeterPrefix = "CleanroomMonitor.";
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _series = new();
    private readonly Lock _scrapeGate = new();

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal) && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                var series = new InstrumentSeries(instrument);
                _series[instrument] = series;
                listener.EnableMeasurementEvents(instrument, series);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _series.TryRemove(instrument, out InstrumentSeries? _);
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Reads the observable instruments and writes every series, grouped and sorted by metric name.</summary>
    public string Scrape()
    {
        lock (_scrapeGate)
        {
            var all = _series.Values.ToList();
            foreach (var series in all)
            {
                series.ResetIfObservable();
            }
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var group in all.GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                InstrumentSeries.WriteFamily(text, group.ToList());
            }
            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();
}
