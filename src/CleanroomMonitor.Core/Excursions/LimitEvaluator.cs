using System.Globalization;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Core.Readings;

namespace CleanroomMonitor.Core.Excursions;

/// <summary>The rule state machine of one sensor parameter: the single-sample comparison with its delay and deadband,
/// and the particle rules (K consecutive, N of M, cumulative volume). Pure: no clock, no I/O; time is the readings' own.</summary>
/// <remarks>Readings are judged in arrival order. A reading stamped earlier than the previous one (a device clock
/// stepped back, a late delivery) is still judged, but elapsed time is never negative, so a delay cannot complete
/// through a backwards step.</remarks>
public sealed class LimitEvaluator
{
    private readonly Queue<bool> _recentAlerts = new();
    private readonly Queue<(long Count, double Litres)> _window = new();
    private LimitLevel _reported = LimitLevel.Normal;
    private DateTimeOffset? _breachSince;
    private TimedValue? _breachLowest;
    private TimedValue? _breachHighest;
    private DateTimeOffset _lastAt;
    private int _breachSamples;
    private int _consecutiveCounts;
    private long _windowCount;
    private double _windowLitres;

    public LimitLevel Reported => _reported;

    /// <summary>Restores an open excursion after a restart, so a continuing breach does not raise a duplicate. The
    /// counters and windows (from <see cref="FromState"/>, when a snapshot was loaded) are kept.</summary>
    public void Restore(LimitLevel level, DateTimeOffset since)
    {
        _reported = level;
        _breachSince ??= since;
        if (since > _lastAt)
        {
            _lastAt = since;
        }
    }

    /// <summary>After a restart with no open excursion for this rule: whatever a snapshot says, nothing is reported, so
    /// a breach that goes on raises (the record store, not the snapshot, says what was raised and returned).</summary>
    public void ClearReported() => _reported = LimitLevel.Normal;

    /// <summary>Everything carried between readings, for a snapshot.</summary>
    public EvaluatorState Capture() => new(_reported, _breachSince, _lastAt, _breachSamples, _consecutiveCounts, [.. _recentAlerts],
        [.. _window.Select(w => new VolumeSample(w.Count, w.Litres))])
    {
        BreachLowest = _breachLowest,
        BreachHighest = _breachHighest,
    };

    /// <summary>An evaluator that continues from <paramref name="state"/>.</summary>
    public static LimitEvaluator FromState(EvaluatorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var evaluator = new LimitEvaluator
        {
            _reported = state.Reported,
            _breachSince = state.BreachSince,
            _lastAt = state.LastAt,
            _breachSamples = state.BreachSamples,
            _consecutiveCounts = state.ConsecutiveCounts,
            _breachLowest = state.BreachLowest,
            _breachHighest = state.BreachHighest,
        };
        foreach (var alert in state.RecentAlerts)
        {
            evaluator._recentAlerts.Enqueue(alert);
        }
        foreach (var sample in state.Window)
        {
            evaluator._window.Enqueue((sample.Count, sample.Litres));
            evaluator._windowCount += sample.Count;
            evaluator._windowLitres += sample.Litres;
        }
        return evaluator;
    }

    public Verdict Evaluate(Reading reading, LimitSet limits)
    {
        var at = reading.Timestamp > _lastAt ? reading.Timestamp : _lastAt;
        _lastAt = at;
        var value = reading.Value;
        var level = limits.Classify(value);

        // The delay (time and samples) filters transient breaches such as a door opening (Annex 1 4.16).
        if (level > LimitLevel.Normal)
        {
            _breachSince ??= at;
            _breachSamples++;
            // A sample during the delay can be worse than the one that completes it: the excursion's peak covers them all.
            _breachLowest = _breachLowest is { } lowest && lowest.Value <= value ? lowest : new TimedValue(reading.Timestamp, value);
            _breachHighest = _breachHighest is { } highest && highest.Value >= value ? highest : new TimedValue(reading.Timestamp, value);
        }
        else
        {
            _breachSince = null;
            _breachSamples = 0;
            _breachLowest = _breachHighest = null;
        }
        var delayMet = level > LimitLevel.Normal && at - _breachSince!.Value >= limits.Delay && _breachSamples >= Math.Max(1, limits.DelaySamples);
        var thresholdLevel = delayMet || (_reported > LimitLevel.Normal && level > LimitLevel.Normal) ? level : LimitLevel.Normal;
        var (ruleLevel, ruleText, ruleLimit) = ApplyParticleRules(reading, limits, level);

        var effective = (LimitLevel)Math.Max((int)thresholdLevel, (int)ruleLevel);
        var useRule = ruleLevel > thresholdLevel;
        var rule = useRule ? ruleText : Describe(limits, value, thresholdLevel);
        var limit = useRule ? ruleLimit : LimitValue(limits, value, thresholdLevel);
        var side = useRule ? BreachSide.High : SideOf(limits, value, thresholdLevel);

        if (_reported == LimitLevel.Normal && effective > LimitLevel.Normal)
        {
            _reported = effective;
            var peak = useRule ? null : side == BreachSide.Low ? _breachLowest : _breachHighest;
            return new Verdict(VerdictKind.Start, effective, rule, value, limit, useRule ? at : _breachSince ?? at, side)
            {
                Peak = peak ?? new TimedValue(reading.Timestamp, value),
            };
        }
        if (_reported > LimitLevel.Normal && effective > _reported)
        {
            _reported = effective;
            return new Verdict(VerdictKind.Escalate, effective, rule, value, limit, at, side);
        }
        var clear = limits.Alert.ClearOf(value, limits.Deadband) && limits.Action.ClearOf(value, limits.Deadband);
        if (_reported > LimitLevel.Normal && ruleLevel == LimitLevel.Normal && level == LimitLevel.Normal && clear)
        {
            _reported = LimitLevel.Normal;
            return new Verdict(VerdictKind.Return, LimitLevel.Normal, "back inside limits", value, null, at);
        }
        return Verdict.None;
    }

    private (LimitLevel Level, string Rule, double? Limit) ApplyParticleRules(Reading reading, LimitSet limits, LimitLevel sampleLevel)
    {
        var rules = limits.Rules;
        if (reading.Count is not { } count)
        {
            return (LimitLevel.Normal, string.Empty, null);
        }
        ForgetRulesOff(rules, limits);
        if (!rules.Any)
        {
            return (LimitLevel.Normal, string.Empty, null);
        }
        // Written only when a rule fires: formatting it for every sample cost an allocation per particle reading.
        string? Name() => reading.Parameter.Info().ParticleSizeMicrometres?.ToString("0.0", CultureInfo.InvariantCulture);
        var result = (Level: LimitLevel.Normal, Rule: string.Empty, Limit: (double?)null);

        _consecutiveCounts = count >= 1 ? _consecutiveCounts + 1 : 0;
        if (rules.ConsecutiveSamples is { } k && _consecutiveCounts >= k)
        {
            result = (LimitLevel.Alert, $"{k} consecutive ≥{Name()} µm samples with counts", null);
        }

        if (rules.OccurrencesN is { } n && rules.OccurrencesM is { } m)
        {
            _recentAlerts.Enqueue(sampleLevel >= LimitLevel.Alert);
            while (_recentAlerts.Count > m)
            {
                _recentAlerts.Dequeue();
            }
            if (CountAlerts() >= n && result.Level < LimitLevel.Alert)
            {
                result = (LimitLevel.Alert, $"{n} of the last {m} ≥{Name()} µm samples at or above the alert level", limits.Alert.High);
            }
        }

        if (rules.CumulativeVolumeLitres is { } litres && reading.VolumeLitres is { } volume && limits.Action.High is { } action)
        {
            _window.Enqueue((count, volume));
            _windowCount += count;
            _windowLitres += volume;
            // Keep the most recent samples that make up at least the rule's volume.
            while (_window.Count > 1 && _windowLitres - _window.Peek().Litres >= litres)
            {
                var old = _window.Dequeue();
                _windowCount -= old.Count;
                _windowLitres -= old.Litres;
            }
            var concentration = _windowCount * 1000.0 / _windowLitres;
            if (_windowLitres >= litres && concentration >= action)
            {
                result = (LimitLevel.Action, string.Create(CultureInfo.InvariantCulture,
                    $"cumulative ≥{Name()} µm count over the last {_windowLitres:0} L is {concentration:0.#}/m³, at or above the action limit {action}"), action);
            }
        }
        return result;
    }

    /// <summary>Forgets what the particle rules remember (K in a row, the N-of-M and cumulative-volume windows): for a
    /// stretch in which they judge nothing, such as a non-monitoring window, after which they start afresh.</summary>
    public void ForgetParticleRules() => ForgetRulesOff(ParticleRules.None, null);

    /// <summary>Table 5 note 2 applies the rules only in some states (grade B at rest, not in operation or clean-up): a
    /// sample judged where a rule is off ends that rule's run, so the stretch neither feeds the rule nor is bridged by
    /// it, and the rule starts afresh when it applies again (docs/excursions.md "Particle rules and room states").</summary>
    private void ForgetRulesOff(ParticleRules rules, LimitSet? limits)
    {
        if (rules.ConsecutiveSamples is null)
        {
            _consecutiveCounts = 0;
        }
        if (rules.OccurrencesN is null || rules.OccurrencesM is null)
        {
            _recentAlerts.Clear();
        }
        if (rules.CumulativeVolumeLitres is null || limits?.Action.High is null)
        {
            _window.Clear();
            _windowCount = 0;
            _windowLitres = 0;
        }
    }

    // A loop, not LINQ's Count: that boxed the queue's enumerator for every particle reading.
    private int CountAlerts()
    {
        var alerts = 0;
        foreach (var alert in _recentAlerts)
        {
            alerts += alert ? 1 : 0;
        }
        return alerts;
    }

    private static string Describe(LimitSet limits, double value, LimitLevel level)
    {
        if (level == LimitLevel.Normal)
        {
            return string.Empty;
        }
        var band = level == LimitLevel.Action ? limits.Action : limits.Alert;
        var name = level == LimitLevel.Action ? "action" : "alert";
        return value >= band.High
            ? string.Create(CultureInfo.InvariantCulture, $"value ≥ {name} limit {band.High}")
            : string.Create(CultureInfo.InvariantCulture, $"value ≤ {name} limit {band.Low}");
    }

    private static BreachSide SideOf(LimitSet limits, double value, LimitLevel level) =>
        value >= (level == LimitLevel.Action ? limits.Action : limits.Alert).High ? BreachSide.High : BreachSide.Low;

    private static double? LimitValue(LimitSet limits, double value, LimitLevel level)
    {
        var band = level == LimitLevel.Action ? limits.Action : limits.Alert;
        return level == LimitLevel.Normal ? null : value >= band.High ? band.High : band.Low;
    }
}
