using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Batches;

/// <summary>The batch release verdict (docs/gmp.md §9, docs/reports.md "The release rule"), computed from the data of the batch
/// window and not only from the excursion list: issue 19 found a batch reported clear while its own statistics held an
/// action sample, because the excursion that sample raised arrived after the report. Pure: no clock, no I/O.</summary>
public static class ReleaseRule
{
    /// <summary>Two breaching samples further apart than this many sampling intervals belong to different runs: at least
    /// one sample between them was normal (or missing, which completeness judges).</summary>
    public const double RunBreak = 1.5;

    /// <summary>Groups breaching samples of one sensor parameter into runs of the same level.</summary>
    public static IReadOnlyList<BreachRun> Runs(SensorId sensor, RoomId room, Parameter parameter, TimeSpan interval,
        IEnumerable<(DateTimeOffset At, LimitLevel Level)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var runs = new List<BreachRun>();
        BreachRun? current = null;
        foreach (var (at, level) in samples.Where(s => s.Level != LimitLevel.Normal).OrderBy(s => s.At))
        {
            if (current is not null && current.Level == level && at - current.Last <= interval * RunBreak)
            {
                current = current with { Last = at, Count = current.Count + 1 };
                continue;
            }
            if (current is not null)
            {
                runs.Add(current);
            }
            current = new BreachRun(sensor, room, parameter, level, at, at, 1, interval);
        }
        if (current is not null)
        {
            runs.Add(current);
        }
        return runs;
    }

    /// <summary>An excursion explains a run when it is of the run's room, either room-level or of the run's sensor and
    /// parameter, and its period widened by one sampling interval at each end (an open one up to the report's end)
    /// contains the whole run: delays and K-of-N rules start an excursion at its first breaching sample and end it at
    /// the first normal one.</summary>
    public static bool Explains(Excursion excursion, BreachRun run, DateTimeOffset reportEnd)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        ArgumentNullException.ThrowIfNull(run);
        var ofRun = excursion.Room == run.Room && (excursion.Sensor is null || (excursion.Sensor == run.Sensor && excursion.Parameter == run.Parameter));
        return ofRun && excursion.StartedAt - run.Interval <= run.First && run.Last <= (excursion.EndedAt ?? reportEnd) + run.Interval;
    }

    /// <summary>The runs no excursion explains, reviewed or not: what a breach review would cover.</summary>
    public static IReadOnlyList<BreachRun> Unexplained(ReleaseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Runs.Where(r => !input.Touching.Any(e => Explains(e, r, input.ReportEnd))).ToList();
    }

    /// <summary>The System excursion raised when <paramref name="period"/> was declared: of its room, room-level, raised at
    /// the period's start (both are the moment of the declaration) and naming the sensor.</summary>
    public static bool Records(Excursion excursion, OutOfServicePeriod period)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        ArgumentNullException.ThrowIfNull(period);
        return excursion.Kind == ExcursionKind.System && excursion.Room == period.Room && excursion.Sensor is null && excursion.StartedAt == period.From
            && excursion.Rule.Contains($"sensor {period.Sensor} ", StringComparison.Ordinal);
    }

    /// <summary>The System excursion raised when <paramref name="window"/> was declared (possibly before it starts): of
    /// its room, room-level, naming the window by its start.</summary>
    public static bool Records(Excursion excursion, RoomWindow window)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        ArgumentNullException.ThrowIfNull(window);
        return excursion.Kind == ExcursionKind.System && excursion.Room == window.Room && excursion.Sensor is null
            && excursion.Rule.Contains($"non-monitoring window {window.From:o}", StringComparison.Ordinal);
    }

    public static ReleaseVerdict Judge(ReleaseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var batch = input.Batch;
        var reasons = new List<string>();
        if (batch.IsActive)
        {
            reasons.Add($"batch {batch.Number} has not ended");
        }
        foreach (var e in input.Touching.Where(e => e.Status != ExcursionStatus.Closed))
        {
            var late = e.FoundLate ? ", found late (after a batch it touches had ended), which re-opens the batch's review" : "";
            reasons.Add($"{e.Level} {e.Kind} excursion {e.Id} in {e.Room}{(e.Sensor is null ? "" : "/" + e.Sensor)} is {e.Status}, not closed{late}");
        }
        foreach (var c in input.Completeness.Where(c => c.IsUnexplainedGap))
        {
            reasons.Add($"sensor {c.Sensor} in {c.Room} delivered {c.Received} of {c.Expected} expected samples ({c.Ratio:P1}) and no gap excursion explains it");
        }
        foreach (var run in Unexplained(input).Where(r => !input.Reviews.Any(review => review.Covers(r))))
        {
            reasons.Add($"{run.Describe()}: no excursion covers them and no breach review signed for them");
        }
        foreach (var series in input.Capped)
        {
            reasons.Add($"{series}: more breaching samples than the report fetches, so not every run could be judged; review the data");
        }
        foreach (var period in input.OutOfService)
        {
            if (!input.Touching.Any(e => e.Status == ExcursionStatus.Closed && Records(e, period)))
            {
                reasons.Add($"sensor {period.Sensor}{(period.Parameter is { } p ? "/" + p.WireName() : "")} in {period.Room} was out of service from " +
                    $"{period.From:u} ({period.Reason}) and no closed System excursion records it");
            }
        }
        foreach (var window in input.NonMonitoring)
        {
            if (!input.Touching.Any(e => e.Status == ExcursionStatus.Closed && Records(e, window)))
            {
                reasons.Add($"{window.Room} was not monitored from {window.From:u} to {window.To:u} ({window.Reason}) and no closed System excursion records it");
            }
        }
        return new ReleaseVerdict(reasons.Count == 0, reasons, ReleaseVerdict.RuleText);
    }
}
