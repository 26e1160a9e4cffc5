using System.Globalization;
using CleanroomMonitor.Core.Facility;
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
    ClockSkewWatch clockSkew, PressureDifferences differences, EngineView view, DuplicateGuard duplicates,
    InstantSeeds seeds, Calibration.CalibrationRegister calibration)
    : BackgroundService
{
    private readonly List<Reading> _readings = new(4);
    private readonly List<(Reading Refused, RecordedContent First)> _conflicts = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Before the first sample: what was stored before this start is checked like what is accepted after it.
            await seeds.SeedAsync(duplicates, stoppingToken);
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
        // While it is held here (a full channel downstream makes the pump wait), the engine does not judge its sensor silent.
        channels.PumpHolds(sample);
        try
        {
            await HandOnAsync(sample, cancellationToken);
        }
        finally
        {
            channels.PumpReleased();
        }
    }

    private async ValueTask HandOnAsync(SensorSample sample, CancellationToken cancellationToken)
    {
        _readings.Clear();
        if (normalizer.Normalize(sample, _readings) is { } rejection)
        {
            statistics.AddRejected(rejection);
            await AcknowledgeInTurnAsync(sample, cancellationToken);
            return;
        }
        if (!KeepFirstOfEachInstant())
        {
            await RefuseConflictsAsync(sample, cancellationToken);
        }
        if (_readings.Count == 0)
        {
            await AcknowledgeInTurnAsync(sample, cancellationToken);
            return;
        }
        if (sample.IsHistorical)
        {
            // Store-and-forward replay (Sparkplug is_historical): kept with its own timestamps and judged at them by the
            // engine's replay rule state (the flag travels on the reading), never on the live board, never completing a
            // computed pressure, never a clock-skew sample (docs/sparkplug.md).
            for (var i = 0; i < _readings.Count; i++)
            {
                await channels.Judging.Writer.WriteAsync(JudgeInput.Of(_readings[i]), cancellationToken);
                await channels.Storage.Writer.WriteAsync(Entry(sample, i), cancellationToken);
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
        var judged = view.Current;
        for (var i = 0; i < _readings.Count; i++)
        {
            // Stored with the flag, so trends and reports can tell data of an instrument under maintenance from monitoring data.
            if (judged.AnyOutOfService && judged.IsOutOfService(_readings[i].Sensor, _readings[i].Parameter, _readings[i].Timestamp))
            {
                _readings[i] = _readings[i] with { OutOfService = true };
            }
            // Measured by an instrument overdue for calibration or failed at its last one: flagged for assessment (3.41).
            if (calibration.UnfitAt(_readings[i].Sensor, _readings[i].Timestamp) is { } unfit)
            {
                _readings[i] = _readings[i] with { Calibration = unfit };
            }
        }
        for (var i = 0; i < _readings.Count; i++)
        {
            var reading = _readings[i];
            latest.Update(reading);
            // Judge first, then store: an alarm never waits for the durable buffer or InfluxDB.
            await channels.Judging.Writer.WriteAsync(JudgeInput.Of(reading), cancellationToken);
            await channels.Storage.Writer.WriteAsync(Entry(sample, i), cancellationToken);
        }
    }

    // The storage channel is first in, first out and one group commit holds a prefix of it, so the commit that holds a
    // sample's last reading holds all of them: that reading carries the acknowledgement.
    private StorageEntry Entry(SensorSample sample, int index) =>
        new(_readings[index], index == _readings.Count - 1 ? sample.Acknowledge : null);

    // Nothing to store: the acknowledgement still waits its turn behind the readings taken in before it.
    private async ValueTask AcknowledgeInTurnAsync(SensorSample sample, CancellationToken cancellationToken)
    {
        if (sample.Acknowledge is { } acknowledge)
        {
            await channels.Storage.Writer.WriteAsync(new StorageEntry(null, acknowledge), cancellationToken);
        }
    }

    /// <summary>Keeps in <see cref="_readings"/> only what is new for its sensor, parameter and instant, decided per
    /// reading: a repeat is counted and dropped (stored and judged once already: judging it again would count it twice in
    /// the particle rules), a conflicting second value is set aside for <see cref="RefuseConflictsAsync"/>. A sample
    /// can thus be partly new and partly not; each stored point still holds the first value of its instant.</summary>
    /// <returns>False when there are conflicts to refuse. Allocation-free on the usual path (issue 15 item 6).</returns>
    private bool KeepFirstOfEachInstant()
    {
        var kept = 0;
        for (var i = 0; i < _readings.Count; i++)
        {
            var reading = _readings[i];
            switch (duplicates.Check(reading, out var first))
            {
                case DuplicateKind.Repeat:
                    statistics.AddRepeat();
                    continue;
                case DuplicateKind.Conflict:
                    _conflicts.Add((reading, first));
                    continue;
                case DuplicateKind.Unchecked:
                    statistics.AddLateUnchecked();
                    break;
            }
            _readings[kept++] = reading;
        }
        if (kept < _readings.Count)
        {
            _readings.RemoveRange(kept, _readings.Count - kept);
        }
        return _conflicts.Count == 0;
    }

    /// <summary>A conflicting second value is refused (counted and logged, rate-limited, with both values) and becomes a
    /// data-integrity excursion for QA. The event waits for room in its channel like a reading does in the evaluation
    /// channel: the engine, which drains source events before readings, is the only consumer of both, and it stops after
    /// the pump, so the wait ends and the event is not lost.</summary>
    private async ValueTask RefuseConflictsAsync(SensorSample sample, CancellationToken cancellationToken)
    {
        foreach (var (refused, first) in _conflicts)
        {
            var info = refused.Parameter.Info();
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{info.Name} at {refused.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}: kept {first.Describe(refused.Parameter)}, refused {RecordedContent.Of(refused).Describe(refused.Parameter)}");
            statistics.AddRejected(new Rejection(RejectionReason.ConflictingDuplicate, sample.Origin, $"sensor '{refused.Sensor}' {detail}"));
            await channels.Judging.Writer.WriteAsync(JudgeInput.Of(
                new SourceEvent(SourceEventKind.DataConflict, [refused.Sensor], sample.Origin, detail, refused.Timestamp, Parameter: refused.Parameter)),
                cancellationToken);
        }
        _conflicts.Clear();
    }
}
