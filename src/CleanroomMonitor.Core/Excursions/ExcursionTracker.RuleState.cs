namespace CleanroomMonitor.Core.Excursions;

/// <summary>Snapshot and restore of the per-sensor rule state (delay timers, K-consecutive counts, N-of-M and
/// cumulative-volume windows) across a restart (docs/reliability.md).</summary>
public sealed partial class ExcursionTracker
{
    private long _judged;

    /// <summary>Grows with every reading judged: the engine saves a snapshot only when it moved since the last one.</summary>
    public long RuleStateVersion => _judged;

    public RuleSnapshot CaptureRuleState(DateTimeOffset at) => new(at, _facility.Version,
        [
            .. _evaluators.Select(e => new RuleStateEntry(e.Key.Item1, e.Key.Item2, false, e.Value.Capture())),
            .. _reversals.Select(e => new RuleStateEntry(e.Key.Item1, e.Key.Item2, true, e.Value.Capture())),
        ]);

    /// <summary>Loads a snapshot taken before a restart. Call it before <see cref="Restore"/>, which then reconciles the
    /// reported levels with the open excursions. A snapshot of another facility version, or entries of sensors and
    /// parameters that no longer exist, are left out: their rules may have changed.</summary>
    /// <returns>The number of rule states loaded.</returns>
    public int RestoreRuleState(RuleSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.FacilityVersion != _facility.Version)
        {
            return 0;
        }
        var loaded = 0;
        foreach (var entry in snapshot.Rules)
        {
            if (_facility.TryGetSensor(entry.Sensor, out var sensor) && sensor.Measures(entry.Parameter))
            {
                (entry.Reversal ? _reversals : _evaluators)[(entry.Sensor, entry.Parameter)] = LimitEvaluator.FromState(entry.State);
                loaded++;
            }
        }
        return loaded;
    }

    /// <summary>The records say what was raised and returned; a snapshot may be older than the last of them (the process
    /// died between saving an excursion and saving the snapshot). So the reported level of each rule is set from the
    /// open excursions, and its counters are kept: no duplicate for a breach already recorded, no miss for one that
    /// returned and starts again.</summary>
    private void ReconcileReported()
    {
        foreach (var ((sensor, parameter), evaluator) in _evaluators)
        {
            if (!_active.Keys.Any(k => k.Sensor == sensor && k.Parameter == parameter && k.Kind != ExcursionKind.PressureReversal))
            {
                evaluator.ClearReported();
            }
        }
        foreach (var ((sensor, parameter), evaluator) in _reversals)
        {
            if (!_active.Keys.Any(k => k.Sensor == sensor && k.Parameter == parameter && k.Kind == ExcursionKind.PressureReversal))
            {
                evaluator.ClearReported();
            }
        }
    }
}
