using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The limit values a roll-up counts against. Counting per limit <em>value</em> rather than per limit set keeps
/// a roll-up independent of room state: any band, in any state, is answered from the counts at or above its high and at
/// or below its low. Values are compared as the decimal literal InfluxQL is given, so roll-up and raw query agree.</summary>
public static class RollupFields
{
    public const string Count = "n";
    public const string Min = "lo";
    public const string Max = "hi";
    public const string Sum = "total";

    /// <summary>The field listing the limit-value fields computed with the row (fields of an earlier computation may linger).</summary>
    public const string Listed = "bands";

    public static string AtOrAbove(decimal value) => "ge:" + ReadingAggregates.Number(value);

    public static string AtOrBelow(decimal value) => "le:" + ReadingAggregates.Number(value);

    /// <summary>Every high and low of the alert and action bands that can apply to the parameter, in any room state.</summary>
    public static (IReadOnlySet<decimal> Highs, IReadOnlySet<decimal> Lows) Thresholds(LimitBook book, Sensor sensor, Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(book);
        var highs = new SortedSet<decimal>();
        var lows = new SortedSet<decimal>();
        foreach (var state in new[] { RoomState.AtRest, RoomState.InOperation })
        {
            if (book.Resolve(sensor, parameter, state) is not { } set)
            {
                continue;
            }
            foreach (var band in new[] { set.Alert, set.Action })
            {
                if (band.High is { } high)
                {
                    highs.Add(ReadingAggregates.Decimal(high));
                }
                if (band.Low is { } low)
                {
                    lows.Add(ReadingAggregates.Decimal(low));
                }
            }
        }
        return (highs, lows);
    }

    /// <summary>The samples of <paramref name="row"/> breaching any of <paramref name="bands"/> (at or beyond a bound), or
    /// null when the row lacks a count it needs. The union of "≥ high" over bands is "≥ the lowest high", and of "≤ low"
    /// is "≤ the highest low"; when those overlap every sample breaches.</summary>
    public static long? Breaches(RollupRow row, IReadOnlyList<Band> bands)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(bands);
        var high = bands.Where(b => b.High is not null).Select(b => (decimal?)ReadingAggregates.Decimal(b.High!.Value)).Min();
        var low = bands.Where(b => b.Low is not null).Select(b => (decimal?)ReadingAggregates.Decimal(b.Low!.Value)).Max();
        if (high is { } h && low is { } l && l >= h)
        {
            return row.Count;
        }
        long count = 0;
        if (high is { } above)
        {
            if (!row.Beyond.TryGetValue(AtOrAbove(above), out var n))
            {
                return null;
            }
            count += n;
        }
        if (low is { } below)
        {
            if (!row.Beyond.TryGetValue(AtOrBelow(below), out var n))
            {
                return null;
            }
            count += n;
        }
        return count;
    }
}
