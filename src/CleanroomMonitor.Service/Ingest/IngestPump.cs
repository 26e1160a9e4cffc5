using CleanroomMonitor.Core.Ingest;
using CleanroomMonitor.Core.Readings;
using CleanroomMonitor.Service.Evaluation;
using CleanroomMonitor.Service.Live;
using CleanroomMonitor.Service.Observability;

namespace CleanroomMonitor.Service.Ingest;

/// <summary>The single reader of decoded samples: validates and normalises each one, refuses bad ones with a counted
/// reason, and hands accepted readings on to the live values, the excursion engine and, through the storage channel, the
/// durable buffer.</summary>
/// <remarks>Hosted services stop in reverse order of registration, so the sources stop before the pump and the pump
/// before the buffer stage; on stop the pump drains what is already queued instead of dropping it.</remarks>
internal sealed class IngestPump(PipelineChannels channels, SampleNormalizer normalizer, IngestStatistics statistics, LatestValues latest,
    ClockSkewWatch clockSkew, PressureDifferences differences, OutOfServiceBoard outOfService)
    : BackgroundService
{
    private readonly List<Reading> _readings = new(4);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var sample in channels.Samples.Reader.ReadAllAsync(stoppingToken))
            {
                await ProcessAsync(sample, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            while (channels.Samples.Reader.TryRead(out var sample))
            {
                // The buffer stage is still running (it stops after us), so this wait ends.
                await ProcessAsync(sample, CancellationToken.None);
            }
        }
    }

    private async ValueTask ProcessAsync(SensorSample sample, CancellationToken cancellationToken)
    {
        _readings.Clear();
        if (normalizer.Normalize(sample, _readings) is { } rejection)
        {
            statistics.AddRejected(rejection);
            sample.Acknowledge?.Invoke();   // settled: counted, and never to be stored
            return;
        }
        if (sample.IsHistorical)
        {
            // Store-and-forward replay (Sparkplug is_historical): kept with its own timestamps, never judged as live, never
            // on the live board, never completing a computed pressure (docs/sparkplug.md).
            Attach(sample);
            foreach (var reading in _readings)
            {
                await channels.Storage.Writer.WriteAsync(reading, cancellationToken);
            }
            return;
        }
        clockSkew.Observe(sample);   // flagged and counted, still accepted
        var count = _readings.Count;
        for (var i = 0; i < count; i++)
        {
            // Computed differential pressures follow the absolute pressure that completes them, through the same path.
            _readings.AddRange(differences.Derive(_readings[i]));
        }
        for (var i = 0; i < _readings.Count; i++)
        {
            // Stored with the flag, so trends and reports can tell data of an instrument under maintenance from monitoring data.
            if (outOfService.Open.Count > 0 && outOfService.IsOutOfService(_readings[i].Sensor, _readings[i].Parameter, _readings[i].Timestamp))
            {
                _readings[i] = _readings[i] with { OutOfService = true };
            }
        }
        Attach(sample);
        foreach (var reading in _readings)
        {
            latest.Update(reading);
            // Judge first, then store: an alarm never waits for the durable buffer or InfluxDB.
            await channels.Evaluation.Writer.WriteAsync(reading, cancellationToken);
            await channels.Storage.Writer.WriteAsync(reading, cancellationToken);
        }
    }

    // The storage channel is first in, first out and one group commit holds a prefix of it, so the commit that holds a
    // sample's last reading holds all of them: that reading carries the acknowledgement.
    private void Attach(SensorSample sample)
    {
        if (sample.Acknowledge is { } acknowledge && _readings.Count > 0)
        {
            _readings[^1] = _readings[^1] with { Acknowledge = acknowledge };
        }
    }
}
