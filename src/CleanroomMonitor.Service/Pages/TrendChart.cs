using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Live;

namespace CleanroomMonitor.Service.Pages;

/// <summary>The geometry of one trend chart, drawn as inline SVG by _Trend.cshtml: the bucket means as lines (broken
/// where data is missing), the min-max envelope, the alert and action limits as dashed lines, and an optional
/// highlighted period (the excursion). Times on the axis are in the site's time zone.</summary>
public sealed record TrendChart(
    string Title,
    string Unit,
    IReadOnlyList<string> Lines,
    IReadOnlyList<string> Envelopes,
    IReadOnlyList<ChartLimit> Limits,
    IReadOnlyList<ChartTick> XTicks,
    IReadOnlyList<ChartTick> YTicks,
    (double X1, double X2)? Highlight,
    string Summary,
    int PointCount)
{
    public const double Width = 760;
    public const double Height = 210;
    public const double Left = 70;
    public const double Right = 10;
    public const double Top = 10;
    public const double Bottom = 26;

    public static double PlotRight => Width - Right;

    public static double PlotBottom => Height - Bottom;

    public static TrendChart Build(string title, Parameter parameter, TrendSeries? series, LimitSet? limits, DateTimeOffset from, DateTimeOffset to,
        TimeZoneInfo zone, (DateTimeOffset Start, DateTimeOffset? End)? highlight = null)
    {
        var points = series?.Points ?? [];
        var limitValues = new List<(double Value, string Kind)>();
        if (limits is not null)
        {
            foreach (var (limitBand, kind) in new[] { (limits.Alert, "alert"), (limits.Action, "action") })
            {
                if (limitBand.Low is { } low)
                {
                    limitValues.Add((low, kind));
                }
                if (limitBand.High is { } high)
                {
                    limitValues.Add((high, kind));
                }
            }
        }
        var values = points.SelectMany(p => new[] { p.Min, p.Max }).Concat(limitValues.Select(l => l.Value)).ToList();
        var (yMin, yMax) = values.Count == 0 ? (0d, 1d) : (values.Min(), values.Max());
        if (parameter.Info().IsParticleCount)
        {
            yMin = Math.Min(0, yMin);
        }
        var pad = yMax - yMin < 1e-9 ? Math.Max(1, Math.Abs(yMax) * 0.1) : (yMax - yMin) * 0.08;
        yMin -= yMin == 0 && parameter.Info().IsParticleCount ? 0 : pad;
        yMax += pad;
        var span = Math.Max(1, (to - from).TotalMilliseconds);
        double X(DateTimeOffset at) => Left + ((at - from).TotalMilliseconds / span * (PlotRight - Left));
        double Y(double v) => PlotBottom - ((v - yMin) / (yMax - yMin) * (PlotBottom - Top));

        // A gap longer than two buckets breaks the line: missing data must not look like a straight, normal trend.
        var segments = new List<List<TrendPoint>>();
        var gap = (series?.Bucket ?? TimeSpan.FromMinutes(1)) * 2.5;
        foreach (var point in points)
        {
            if (segments.Count == 0 || point.At - segments[^1][^1].At > gap)
            {
                segments.Add([]);
            }
            segments[^1].Add(point);
        }
        var lines = segments.Select(s => Path(s.Select(p => (X(p.At), Y(p.Mean))))).ToList();
        var envelopes = segments.Where(s => s.Count > 1)
            .Select(s => Path(s.Select(p => (X(p.At), Y(p.Max))).Concat(s.AsEnumerable().Reverse().Select(p => (X(p.At), Y(p.Min)))))).ToList();
        var chartLimits = limitValues.Select(l => new ChartLimit(Round(Y(l.Value)), l.Kind, $"{l.Kind} {LiveBoard.Format(parameter, l.Value)}")).ToList();

        var xTicks = new List<ChartTick>();
        var step = TickStep(to - from);
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var first = new DateTimeOffset(local.Ticks - (local.Ticks % step.Ticks), local.Offset) + step;
        for (var t = first; t < to; t += step)
        {
            xTicks.Add(new ChartTick(Round(X(t)), TimeZoneInfo.ConvertTime(t, zone).ToString(step >= TimeSpan.FromDays(1) ? "dd MMM" : "HH:mm", CultureInfo.InvariantCulture)));
        }
        var yTicks = Enumerable.Range(0, 5).Select(i => yMin + ((yMax - yMin) * i / 4))
            .Select(v => new ChartTick(Round(Y(v)), LiveBoard.Format(parameter, v))).ToList();
        (double, double)? band = highlight is { } h ? (Round(Math.Max(Left, X(h.Start))), Round(Math.Min(PlotRight, X(h.End ?? to)))) : null;
        var summary = points.Count == 0
            ? "no valid readings in this period"
            : string.Create(CultureInfo.InvariantCulture,
                $"{points.Count} points of {series!.Bucket.TotalSeconds:0} s; lowest {LiveBoard.Format(parameter, points.Min(p => p.Min))}, highest {LiveBoard.Format(parameter, points.Max(p => p.Max))}, latest mean {LiveBoard.Format(parameter, points[^1].Mean)} {LiveBoard.Unit(parameter)}");
        return new TrendChart(title, LiveBoard.Unit(parameter), lines, envelopes, chartLimits, xTicks, yTicks, band, summary, points.Count);
    }

    private static TimeSpan TickStep(TimeSpan span) => span.TotalHours switch
    {
        <= 1.5 => TimeSpan.FromMinutes(15),
        <= 4 => TimeSpan.FromMinutes(30),
        <= 12 => TimeSpan.FromHours(2),
        <= 48 => TimeSpan.FromHours(6),
        _ => TimeSpan.FromDays(1),
    };

    private static double Round(double value) => Math.Round(value, 1);

    private static string Path(IEnumerable<(double X, double Y)> points)
    {
        var text = new StringBuilder();
        foreach (var (x, y) in points)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Round(x)},{Round(y)} ");
        }
        return text.ToString().TrimEnd();
    }
}

/// <param name="Kind">alert or action (the CSS class).</param>
public sealed record ChartLimit(double Y, string Kind, string Label);

public sealed record ChartTick(double Position, string Label);
