using CleanroomMonitor.Core.Excursions;

namespace CleanroomMonitor.Core.Trends;

/// <summary>The fixed rules of the trend report (docs/reports.md "Trend report"), in one place so the report, its
/// documentation and its tests state the same numbers.</summary>
public static class TrendRules
{
    /// <summary>An excursion at a sensor this soon after that sensor came back from out of service or was calibrated is
    /// listed as a recurrence after maintenance or after calibration (Annex 1 9.11: "recurring ... after maintenance").</summary>
    public static readonly TimeSpan RecurrenceWindow = TimeSpan.FromDays(7);

    /// <summary>How many excursions of one kind at one sensor in the period make a repeat at the same location.</summary>
    public const int RepeatCount = 2;

    /// <summary>The adverse-trend rule on counts: this period's excursions of a kind and level exceed the previous period's
    /// by at least this many (one extra event alone is noise, not a trend).</summary>
    public const int CountMargin = 2;

    /// <summary>The adverse-trend rule on levels: a parameter's P95 moved towards a limit by more than this share of the
    /// distance the previous period's P95 had to that limit.</summary>
    public const double DistanceShare = 0.25;

    /// <summary>The percentiles the report gives per parameter.</summary>
    public static readonly IReadOnlyList<double> Percentiles = [50, 95, 99];

    /// <summary>Excursions about the monitoring system itself are not events at a location: they are counted but not
    /// taken as repeats or recurrences.</summary>
    public static bool IsAboutLocation(Excursion excursion)
    {
        ArgumentNullException.ThrowIfNull(excursion);
        return excursion.Sensor is not null && excursion.Kind is not (ExcursionKind.System or ExcursionKind.DataConflict);
    }

    /// <summary>The nearest-rank percentile of <paramref name="sorted"/> (ascending): the value at rank ⌈p/100 · n⌉. It is
    /// always a value that was measured (a particle count stays a whole count; mostly-zero data gives 0, not a fraction
    /// interpolated towards a rare spike), and needs no assumption about the distribution.</summary>
    /// <returns>Null for no values.</returns>
    public static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 100);
        if (sorted.Count == 0)
        {
            return null;
        }
        // Integer rank, computed without floating error: p·n/100 rounded up.
        var rank = (int)Math.Ceiling(Math.Round(p * sorted.Count, 9) / 100);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
