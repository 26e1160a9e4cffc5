using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Replay;

/// <summary>One excursion a replay produced, reduced to what the comparison needs and what identifies it against the
/// record store (sensor, parameter, kind, level, start, end).</summary>
/// <param name="Level">Its highest level: an alert that escalated counts as an action excursion.</param>
/// <param name="EndedAt">Its return to normal; null when it was still open at the period's end.</param>
/// <param name="AlertMinutes">Minutes it spent at the alert level within the period.</param>
/// <param name="ActionMinutes">Minutes it spent at the action level within the period.</param>
public sealed record ReplayedExcursion(
    SensorId Sensor,
    Parameter Parameter,
    ExcursionKind Kind,
    LimitLevel Level,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    double? PeakValue,
    DateTimeOffset? PeakAt,
    string Rule,
    double AlertMinutes,
    double ActionMinutes)
{
    /// <summary>The excursion kinds a limit decides, and so the ones a replay under other limits can change. Gaps, faults,
    /// communication losses and system events depend on arrival, not on limits, and are left out.</summary>
    public static bool IsJudgedFromLimits(ExcursionKind kind) => kind is ExcursionKind.Particles or ExcursionKind.DifferentialPressure
        or ExcursionKind.PressureReversal or ExcursionKind.Temperature or ExcursionKind.Humidity or ExcursionKind.Equipment;

    /// <summary>The excursion as the replay or the record store holds it, with its minutes per level within [from, to):
    /// its history says when it was raised and when it escalated, each at the level it then had.</summary>
    public static ReplayedExcursion Of(Excursion excursion, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        var steps = excursion.History
            .Where(e => e.What is ExcursionAction.Raised or ExcursionAction.Escalated)
            .Select(e => (e.What == ExcursionAction.Raised ? excursion.StartedAt : e.At, e.Level))
            .OrderBy(s => s.Item1)
            .ToList();
        var end = excursion.EndedAt is { } ended && ended < to ? ended : to;
        double alert = 0, action = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            var (start, level) = steps[i];
            var stop = i + 1 < steps.Count ? steps[i + 1].Item1 : end;
            var minutes = Overlap(start, stop, from, end).TotalMinutes;
            if (level == LimitLevel.Action)
            {
                action += minutes;
            }
            else if (level == LimitLevel.Alert)
            {
                alert += minutes;
            }
        }
        return new ReplayedExcursion(excursion.Sensor!.Value, excursion.Parameter!.Value, excursion.Kind, excursion.Level, excursion.StartedAt,
            excursion.EndedAt is { } e2 && e2 < to ? e2 : null, excursion.PeakValue, excursion.PeakAt, excursion.Rule, alert, action);
    }

    private static TimeSpan Overlap(DateTimeOffset start, DateTimeOffset stop, DateTimeOffset from, DateTimeOffset to)
    {
        var a = start > from ? start : from;
        var b = stop < to ? stop : to;
        return b > a ? b - a : TimeSpan.Zero;
    }
}
