using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CleanroomMonitor.Core.Ingest;
using Microsoft.Extensions.Options;

namespace CleanroomMonitor.Service.Observability;

/// <summary>Flags samples whose device time differs from the receive time by more than <see cref="IngestOptions.ClockSkewWarning"/>:
/// counted per sensor (<c>cleanroom_readings_clock_skewed_total{sensor}</c>) and logged when a sensor starts and stops
/// being off, never per reading. The reading is still accepted.</summary>
internal sealed class ClockSkewWatch
{
    private readonly ConcurrentDictionary<string, bool> _skewed = new(StringComparer.Ordinal);
    private readonly Counter<long> _counter;
    private readonly IOptions<IngestOptions> _options;
    private readonly ILogger<ClockSkewWatch> _logger;

    public ClockSkewWatch(IOptions<IngestOptions> options, IMeterFactory meters, ILogger<ClockSkewWatch> logger)
    {
        _options = options;
        _logger = logger;
        _counter = meters.Create("CleanroomMonitor.Ingest").CreateCounter<long>("cleanroom.readings.clock_skewed", "{sample}",
            "Accepted samples whose device time differs from the receive time by more than Ingest:ClockSkewWarning, by sensor");
    }

    /// <summary>Sensors currently off by more than the threshold.</summary>
    public IReadOnlyList<string> SkewedSensors => [.. _skewed.Where(s => s.Value).Select(s => s.Key).Order(StringComparer.Ordinal)];

    public void Observe(SensorSample sample)
    {
        if (sample.Timestamp is not { } deviceTime)
        {
            return;   // stamped on receipt: no device clock to judge
        }
        var threshold = _options.Value.ClockSkewWarning;
        var skew = sample.ReceivedAt - deviceTime;
        var sensor = sample.Sensor.Value;
        var isSkewed = skew.Duration() > threshold;
        if (isSkewed)
        {
            _counter.Add(1, new KeyValuePair<string, object?>("sensor", sensor));
        }
        var was = _skewed.TryGetValue(sensor, out var previous) && previous;
        if (was == isSkewed)
        {
            return;
        }
        _skewed[sensor] = isSkewed;
        if (isSkewed)
        {
            _logger.SensorClockSkewed(sensor, deviceTime, sample.ReceivedAt, skew, threshold);
        }
        else
        {
            _logger.SensorClockRecovered(sensor, skew, threshold);
        }
    }
}
