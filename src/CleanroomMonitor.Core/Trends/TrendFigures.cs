using System.Globalization;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Calibration;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Core.Trends;

/// <summary>The figures of a room's trend report over [From, To) (Annex 1 9.10-9.11; docs/reports.md "Trend report"):
/// excursions by kind and level, repeats at one location, recurrences after maintenance, time in alert and action, data
/// completeness, and the distribution of every parameter against its limits. Computed by <see cref="Compute"/> from plain
/// inputs, so the same code serves the report and its hand-computed test.</summary>
public sealed record TrendFigures(
    DateTimeOffset From,
    DateTimeOffset To,
    int Excursions,
    IReadOnlyList<TrendExcursionCount> ByKindAndLevel,
    IReadOnlyList<TrendRepeat> Repeats,
    IReadOnlyList<TrendRecurrence> Recurrences,
    IReadOnlyList<TrendLevelTime> TimeInLevels,
    IReadOnlyList<TrendCompleteness> Completeness,
    IReadOnlyList<TrendDistribution> Distributions)
{
    public static TrendFigures Compute(TrendInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (from, to) = (input.From, input.To);
        // Counted in the period they started in, so consecutive periods never count one excursion twice.
        var started = input.Excursions.Where(e => e.Room == input.Room && e.StartedAt >= from && e.StartedAt < to)
            .OrderBy(e => e.StartedAt).ThenBy(e => e.Id).ToList();
        var byKind = started.GroupBy(e => (e.Kind, e.Level)).OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Level)
            .Select(g => new TrendExcursionCount(g.Key.Kind, g.Key.Level, g.Count())).ToList();
        var locations = input.Series.GroupBy(s => s.Sensor).ToDictionary(g => g.Key, g => g.First().Location);
        var repeats = started.Where(TrendRules.IsAboutLocation).GroupBy(e => (Sensor: e.Sensor!.Value, e.Kind))
            .Where(g => g.Count() >= TrendRules.RepeatCount)
            .OrderBy(g => g.Key.Sensor.Value, StringComparer.Ordinal).ThenBy(g => g.Key.Kind)
            .Select(g => new TrendRepeat(g.Key.Sensor.Value, locations.GetValueOrDefault(g.Key.Sensor, ""), g.Key.Kind, g.Count(),
                g.Count(e => e.Level == LimitLevel.Alert), g.Count(e => e.Level == LimitLevel.Action), g.First().StartedAt, g.Last().StartedAt,
                g.Select(e => e.Id).ToList()))
            .ToList();
        return new TrendFigures(from, to, started.Count, byKind, repeats, FindRecurrences(started, input.OutOfService, input.Calibrations), MeasureTimeInLevels(input),
            MeasureCompleteness(input), input.Series.Select(s => Distribution(s, input.SiteZone)).ToList());
    }

    /// <summary>Adverse trends of this period against <paramref name="previous"/> (the period of the same length just
    /// before): a kind and level whose excursion count rose by <see cref="TrendRules.CountMargin"/> or more, and a
    /// parameter whose P95 closed more than <see cref="TrendRules.DistanceShare"/> of its distance to an alert limit.</summary>
    public IReadOnlyList<TrendAdverse> AdverseAgainst(TrendFigures previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var found = new List<TrendAdverse>();
        foreach (var count in ByKindAndLevel.Where(c => c.Level != LimitLevel.Normal))
        {
            var before = previous.ByKindAndLevel.FirstOrDefault(c => c.Kind == count.Kind && c.Level == count.Level)?.Count ?? 0;
            if (count.Count - before >= TrendRules.CountMargin)
            {
                found.Add(new TrendAdverse("excursion count", $"{count.Kind} {count.Level}", count.Count, before, string.Create(CultureInfo.InvariantCulture,
                    $"{count.Count} {count.Kind} {count.Level.ToString().ToLowerInvariant()} excursions against {before} in the previous period (rule: {TrendRules.CountMargin} or more above it)")));
            }
        }
        foreach (var now in Distributions)
        {
            var then = previous.Distributions.FirstOrDefault(d => d.Sensor == now.Sensor && d.Parameter == now.Parameter);
            if (now.P95 is not { } p95 || then?.P95 is not { } before)
            {
                continue;
            }
            // The tightest alert limit in force on each side: the one a rise (or fall) reaches first.
            var high = now.Limits.Select(l => l.AlertHigh ?? l.ActionHigh).OfType<double>().DefaultIfEmpty(double.NaN).Min();
            var low = now.Limits.Select(l => l.AlertLow ?? l.ActionLow).OfType<double>().DefaultIfEmpty(double.NaN).Max();
            if (double.IsFinite(high) && before < high && p95 - before > TrendRules.DistanceShare * (high - before))
            {
                found.Add(Towards(now, p95, before, high, "up"));
            }
            if (double.IsFinite(low) && before > low && before - p95 > TrendRules.DistanceShare * (before - low))
            {
                found.Add(Towards(now, p95, before, low, "down"));
            }
        }
        return found;
    }

    private static TrendAdverse Towards(TrendDistribution now, double p95, double before, double limit, string direction) =>
        new("P95 towards limit", $"{now.Sensor} {now.Parameter}", p95, before, string.Create(CultureInfo.InvariantCulture,
            $"P95 of {now.Parameter} at {now.Sensor} went {direction} from {before:0.###} to {p95:0.###}, more than {TrendRules.DistanceShare:P0} of the way to the limit {limit:0.###}"));

    /// <summary>The latest return from out of service or calibration of the excursion's sensor within the window before it.
    /// A return counts as after calibration when a calibration record names that out-of-service period (the instrument was
    /// taken out to be calibrated), otherwise as after maintenance; a calibration done in place counts from its date.</summary>
    private static List<TrendRecurrence> FindRecurrences(IReadOnlyList<Excursion> started, IReadOnlyList<OutOfServicePeriod> outOfService,
        IReadOnlyList<CalibrationRecord> calibrations)
    {
        var calibratedPeriods = calibrations.Where(c => c.OutOfServicePeriod is not null).Select(c => c.OutOfServicePeriod!.Value).ToHashSet();
        var found = new List<TrendRecurrence>();
        foreach (var excursion in started.Where(TrendRules.IsAboutLocation))
        {
            bool Within(DateTimeOffset at) => at <= excursion.StartedAt && excursion.StartedAt - at <= TrendRules.RecurrenceWindow;
            var returns = outOfService
                .Where(p => p.Sensor == excursion.Sensor && p.ReturnedAt is { } r && Within(r)
                            && (p.Parameter is null || excursion.Parameter is null || p.Parameter == excursion.Parameter))
                .Select(p => (At: p.ReturnedAt!.Value, p.Reason, Cause: calibratedPeriods.Contains(p.Id) ? TrendRecurrenceCause.Calibration : TrendRecurrenceCause.Maintenance));
            var calibrated = calibrations
                .Where(c => c.Sensor == excursion.Sensor && c.OutOfServicePeriod is null && Within(c.CalibratedAt))
                .Select(c => (At: c.CalibratedAt, Reason: $"calibration, certificate {c.CertificateReference}: {c.Result}", Cause: TrendRecurrenceCause.Calibration));
            if (returns.Concat(calibrated).OrderBy(e => e.At).LastOrDefault() is { Reason: not null } back)
            {
                found.Add(new TrendRecurrence(excursion.Id, excursion.Sensor!.Value.Value, excursion.Kind, excursion.Level, excursion.StartedAt, back.At,
                    (excursion.StartedAt - back.At).TotalHours, back.Reason, back.Cause));
            }
        }
        return found;
    }

    private static List<TrendLevelTime> MeasureTimeInLevels(TrendInput input)
    {
        var end = input.AsOf < input.To ? input.AsOf : input.To;
        var times = new List<TrendLevelTime>();
        foreach (var series in input.Series)
        {
            var mine = input.Excursions.Where(e => e.Sensor == series.Sensor && e.Parameter == series.Parameter).ToList();
            double Minutes(LimitLevel level) => Union(mine.Where(e => e.Level == level)
                .Select(e => (Max(e.StartedAt, input.From), Min(e.EndedAt ?? end, end)))).TotalMinutes;
            times.Add(new TrendLevelTime(series.Sensor.Value, series.Parameter.WireName(), Minutes(LimitLevel.Alert), Minutes(LimitLevel.Action)));
        }
        return times;
    }

    /// <summary>The total length of the union of the spans: two overlapping excursions of one level count their overlap once.</summary>
    private static TimeSpan Union(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> spans)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? start = null, stop = null;
        foreach (var (from, to) in spans.Where(s => s.To > s.From).OrderBy(s => s.From))
        {
            if (stop is { } s && from <= s)
            {
                stop = to > s ? to : s;
                continue;
            }
            total += (stop - start) ?? TimeSpan.Zero;
            (start, stop) = (from, to);
        }
        return total + ((stop - start) ?? TimeSpan.Zero);
    }

    private static List<TrendCompleteness> MeasureCompleteness(TrendInput input) =>
        input.Series.GroupBy(s => s.Sensor).Select(g =>
        {
            var first = g.First();
            var measured = SampleCompleteness.Measure(input.To - input.From, first.Interval, g.Min(s => (long)s.Samples.Count));
            return new TrendCompleteness(g.Key.Value, first.Location, measured.Expected, measured.Received, measured.Ratio);
        }).ToList();

    private static TrendDistribution Distribution(TrendSeries series, TimeZoneInfo zone)
    {
        var valid = series.Samples.Where(s => s.Faults == Readings.SampleFaults.None && !s.IsOutOfService).ToList();
        var sorted = valid.Select(s => s.Value).Order().ToList();
        long alert = 0, action = 0;
        foreach (var sample in valid)
        {
            var limits = series.Limits.FirstOrDefault(l => l.From <= sample.At && sample.At < l.To)?.Limits;
            switch (limits?.Classify(sample.Value))
            {
                case LimitLevel.Action: action++; break;
                case LimitLevel.Alert: alert++; break;
            }
        }
        var days = valid.GroupBy(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(s.At, zone).DateTime)).OrderBy(g => g.Key).Select(g =>
        {
            var day = g.Select(s => s.Value).Order().ToList();
            return new TrendDay(g.Key, day.Count, TrendRules.Percentile(day, 95), day[^1]);
        }).ToList();
        var limitsInForce = series.Limits.Where(l => l.Limits is not null).Select(l => l.Limits!)
            .Select(l => new TrendLimit(l.State, l.Alert.Low, l.Alert.High, l.Action.Low, l.Action.High, l.Version)).Distinct().ToList();
        return new TrendDistribution(series.Sensor.Value, series.Parameter.WireName(), sorted.Count, TrendRules.Percentile(sorted, 50),
            TrendRules.Percentile(sorted, 95), TrendRules.Percentile(sorted, 99), sorted.Count == 0 ? null : sorted[^1], alert, action, limitsInForce, days);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
