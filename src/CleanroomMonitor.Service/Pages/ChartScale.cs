namespace CleanroomMonitor.Service.Pages;

/// <summary>The vertical scale of a trend chart: value to SVG y, and the values to put ticks at. Linear for most
/// parameters; logarithmic for particle counts, whose normal values (0 to a few dozen per m³) would otherwise be
/// flattened onto the axis by limits in the thousands. log(0) is undefined, so a logarithmic scale keeps a slot below
/// its lowest decade and draws zero (and only zero) on the floor of the axis, labelled "0".</summary>
public sealed class ChartScale
{
    /// <summary>How much of a decade the zero slot below the lowest decade takes.</summary>
    public const double ZeroSlotDecades = 0.5;

    private readonly double _low;
    private readonly double _high;
    private readonly double _top;
    private readonly double _bottom;

    private ChartScale(bool isLogarithmic, double low, double high, double top, double bottom, IReadOnlyList<double> ticks)
    {
        IsLogarithmic = isLogarithmic;
        (_low, _high, _top, _bottom) = (low, high, top, bottom);
        Ticks = ticks;
    }

    public bool IsLogarithmic { get; }

    /// <summary>The values to draw a tick and grid line at, bottom first; on a logarithmic scale 0 and then every decade.</summary>
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>The lowest decade drawn (10^n) on a logarithmic scale; values between 0 and it cannot occur (see <see cref="Logarithmic"/>).</summary>
    public double LowestDecade => IsLogarithmic ? Math.Pow(10, _low + ZeroSlotDecades) : double.NaN;

    /// <summary>The SVG y of <paramref name="value"/> (larger values higher up).</summary>
    public double Y(double value)
    {
        double units;
        if (!IsLogarithmic)
        {
            units = value;
        }
        else if (value <= 0)
        {
            return _bottom;   // the floor: zero has no logarithm
        }
        else
        {
            units = Math.Max(Math.Log10(value), _low + ZeroSlotDecades);
        }
        return _bottom - ((units - _low) / (_high - _low) * (_bottom - _top));
    }

    /// <summary>A linear scale over [<paramref name="min"/>, <paramref name="max"/>] with five evenly spaced ticks.</summary>
    /// <exception cref="ArgumentException">The range is empty, inverted or not finite.</exception>
    public static ChartScale Linear(double min, double max, double top, double bottom)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || max <= min)
        {
            throw new ArgumentException($"a linear scale needs finite min < max, got [{min}, {max}]", nameof(max));
        }
        var ticks = Enumerable.Range(0, 5).Select(i => min + ((max - min) * i / 4)).ToList();
        return new ChartScale(false, min, max, top, bottom, ticks);
    }

    /// <summary>A logarithmic scale from 0 (the floor) through the decade at or below the smallest positive value (at most
    /// 1, so counts of 1 and more always sit above the "1" line) up to the decade at or above <paramref name="max"/>.</summary>
    /// <param name="smallestPositive">The smallest value above zero to draw, or null when every value is zero.</param>
    /// <exception cref="ArgumentException">A negative or non-finite value: counts cannot be below zero.</exception>
    public static ChartScale Logarithmic(double? smallestPositive, double max, double top, double bottom)
    {
        if (smallestPositive is { } s && (!double.IsFinite(s) || s <= 0))
        {
            throw new ArgumentException($"the smallest positive value must be above zero, got {s}", nameof(smallestPositive));
        }
        if (!double.IsFinite(max) || max < 0)
        {
            throw new ArgumentException($"a logarithmic scale cannot show {max}", nameof(max));
        }
        var lowest = smallestPositive is { } positive ? Math.Min(0, Math.Floor(Math.Log10(positive))) : 0;
        var highest = max > 0 ? Math.Max(lowest + 1, Math.Ceiling(Math.Log10(max))) : lowest + 1;
        var ticks = new List<double> { 0 };
        for (var exponent = lowest; exponent <= highest; exponent++)
        {
            ticks.Add(Math.Pow(10, exponent));
        }
        return new ChartScale(true, lowest - ZeroSlotDecades, highest, top, bottom, ticks);
    }
}
