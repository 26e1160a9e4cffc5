using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Live;

namespace CleanroomMonitor.Service.Pages;

/// <summary>The geometry of one trend chart, drawn as inline SVG by _Trend.cshtml: the bucket means as lines (broken
/// where data is missing), the min-max envelope, the alert and action limits in force at each time as step lines (one
/// step per room state period: <see cref="LimitPeriod"/>), the room states and batches shaded behind the series, and an
/// optional highlighted period (the excursion). Times on the axis follow <see cref="ChartTime"/>.</summary>
public sealed record TrendChart(
    string Title,
    string Unit,
    IReadOnlyList<string> Lines,
    IReadOnlyList<string> Envelopes,
    IReadOnlyList<(double X, double Y)> Dots,
    IReadOnlyList<ChartLimit> Limits,
    IReadOnlyList<ChartBand> States,
    IReadOnlyList<ChartBand> Batches,
    IReadOnlyList<ChartTick> XTicks,
    IReadOnlyList<ChartTick> YTicks,
    (double X1, double X2)? Highlight,
    string Summary,
    int PointCount,
    bool IsLogarithmic)
{
    public const double Width = 760;
    public const double Height = 230;
    public const double Left = 70;
    public const double Right = 10;
    public const double Top = 24;
    public const double Bottom = 26;

    /// <summary>A limit step narrower than this (px) is drawn without its value label, which would not fit.</summary>
    public const double MinLabelledStep = 90;

    /// <summary>The strip above the plot where batches are labelled.</summary>
    public const double BatchStripTop = 4;

    public static double PlotRight => Width - Right;

    public static double PlotBottom => Height - Bottom;

    /// <summary>The legend's entries: the states and batches shaded on this chart, then the lines.</summary>
    public IReadOnlyList<(string Kind, string Label)> Legend =>
        States.DistinctBy(s => s.Kind).Select(s => ("state " + s.Kind, s.Label))
            .Concat(Batches.Count > 0 ? [("batch", "batch")] : [])
            .Concat([("mean", "bucket mean"), ("envelope", "min–max of the bucket")])
            .Concat(Limits.Select(l => l.Kind).Distinct().Select(k => ("limit " + k, k + " limit in force")))
            .ToList();

    public static TrendChart Build(string title, Parameter parameter, TrendSeries? series, IReadOnlyList<LimitPeriod> limits, DateTimeOffset from,
        DateTimeOffset to, ChartTime time, IReadOnlyList<Batch>? batches = null, bool logarithmic = false,
        (DateTimeOffset Start, DateTimeOffset? End)? highlight = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(time);
        var points = series?.Points ?? [];
        var steps = LimitSteps(limits);
        var values = points.SelectMany(p => new[] { p.Min, p.Max }).Concat(steps.SelectMany(s => s.Steps.Select(x => x.Value))).ToList();
        var scale = logarithmic && values.All(v => v >= 0) ? LogScale(values) : LinearScale(parameter, values);
        var span = Math.Max(1, (to - from).TotalMilliseconds);
        double X(DateTimeOffset at) => Math.Clamp(Left + ((at - from).TotalMilliseconds / span * (PlotRight - Left)), Left, PlotRight);

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
        var lines = segments.Where(s => s.Count > 1).Select(s => Path(s.Select(p => (X(p.At), scale.Y(p.Mean))))).ToList();
        // A lone bucket between gaps (sparse readings) has no line to draw: it is a dot, so no reading goes unseen.
        var dots = segments.Where(s => s.Count == 1).Select(s => (Round(X(s[0].At)), Round(scale.Y(s[0].Mean)))).ToList();
        var envelopes = segments.Where(s => s.Count > 1)
            .Select(s => Path(s.Select(p => (X(p.At), scale.Y(p.Max))).Concat(s.AsEnumerable().Reverse().Select(p => (X(p.At), scale.Y(p.Min)))))).ToList();
        var chartLimits = steps.Select(run => new ChartLimit(run.Kind,
                Path(run.Steps.SelectMany(s => new[] { (X(s.From), scale.Y(s.Value)), (X(s.To), scale.Y(s.Value)) })),
                run.Steps.Where(s => X(s.To) - X(s.From) >= MinLabelledStep)
                    .Select(s => new ChartLabel(Round(X(s.To)), Round(scale.Y(s.Value)), $"{run.Kind} {LiveBoard.Format(parameter, s.Value)}")).ToList(),
                string.Join("; ", run.Steps.Select(s => $"{run.Kind} {LiveBoard.Format(parameter, s.Value)} {LiveBoard.Unit(parameter)} {LiveBoard.StateLabel(s.State)}, " +
                    $"{time.Label(s.From, "HH:mm")}–{time.Label(s.To, "HH:mm")}")), run.Steps))
            .ToList();
        var states = limits.Select(p => new ChartBand(Round(X(p.From)), Round(X(p.To)), StateKind(p.State), LiveBoard.StateLabel(p.State),
            $"{LiveBoard.StateLabel(p.State)} from {time.Label(p.From, "yyyy-MM-dd HH:mm")} ({time.Title(p.From)}) to {time.Label(p.To, "yyyy-MM-dd HH:mm")}")).ToList();
        var batchBands = (batches ?? []).Where(b => b.StartedAt < to && (b.EndedAt ?? to) > from)
            .Select(b => new ChartBand(Round(X(b.StartedAt)), Round(X(b.EndedAt ?? to)), "batch", b.Number,
                $"batch {b.Number} ({b.Product}) from {time.Label(b.StartedAt, "yyyy-MM-dd HH:mm")}" +
                (b.EndedAt is { } end ? $" to {time.Label(end, "yyyy-MM-dd HH:mm")}" : ", still active")))
            .ToList();

        var xTicks = new List<ChartTick>();
        var step = TickStep(to - from);
        var local = TimeZoneInfo.ConvertTime(from, time.Shown);
        var first = new DateTimeOffset(local.Ticks - (local.Ticks % step.Ticks), local.Offset) + step;
        for (var t = first; t < to; t += step)
        {
            xTicks.Add(new ChartTick(Round(X(t)), time.Label(t, step >= TimeSpan.FromDays(1) ? "dd MMM" : "HH:mm"), time.Title(t)));
        }
        var yTicks = scale.Ticks.Select(v => new ChartTick(Round(scale.Y(v)), TickLabel(parameter, scale, v), null)).ToList();
        (double, double)? band = highlight is { } h ? (Round(X(h.Start)), Round(X(h.End ?? to))) : null;
        var summary = points.Count == 0
            ? "no valid readings in this period"
            : string.Create(CultureInfo.InvariantCulture,
                $"{points.Count} points of {series!.Bucket.TotalSeconds:0} s; lowest {LiveBoard.Format(parameter, points.Min(p => p.Min))}, highest {LiveBoard.Format(parameter, points.Max(p => p.Max))}, latest mean {LiveBoard.Format(parameter, points[^1].Mean)} {LiveBoard.Unit(parameter)}");
        return new TrendChart(title, LiveBoard.Unit(parameter), lines, envelopes, dots, chartLimits, states, batchBands, xTicks, yTicks, band, summary, points.Count,
            scale.IsLogarithmic);
    }

    /// <summary>The CSS class of a room state's band.</summary>
    public static string StateKind(RoomState state) => state switch
    {
        RoomState.AtRest => "at-rest",
        RoomState.InOperation => "in-operation",
        RoomState.CleanUp => "clean-up",
        RoomState.NotMonitored => "not-monitored",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>Each limit (alert or action, low or high side) as runs of consecutive periods in which it was set: a period
    /// without it (not judged, not monitored) breaks the line rather than joining the values around it.</summary>
    internal static List<(string Kind, IReadOnlyList<LimitStep> Steps)> LimitSteps(IReadOnlyList<LimitPeriod> periods)
    {
        var runs = new List<(string, IReadOnlyList<LimitStep>)>();
        foreach (var (kind, band) in new (string, Func<LimitSet, Band>)[] { ("alert", s => s.Alert), ("action", s => s.Action) })
        {
            foreach (var side in new Func<Band, double?>[] { b => b.Low, b => b.High })
            {
                var current = new List<LimitStep>();
                foreach (var period in periods)
                {
                    if (period.Limits is { } set && side(band(set)) is { } value)
                    {
                        current.Add(new LimitStep(period.State, period.From, period.To, value));
                        continue;
                    }
                    if (current.Count > 0)
                    {
                        runs.Add((kind, current));
                        current = [];
                    }
                }
                if (current.Count > 0)
                {
                    runs.Add((kind, current));
                }
            }
        }
        return runs;
    }

    private static ChartScale LogScale(List<double> values) =>
        ChartScale.Logarithmic(values.Where(v => v > 0).Select(v => (double?)v).DefaultIfEmpty(null).Min(), values.DefaultIfEmpty(0).Max(), Top, PlotBottom);

    private static ChartScale LinearScale(Parameter parameter, List<double> values)
    {
        var (yMin, yMax) = values.Count == 0 ? (0d, 1d) : (values.Min(), values.Max());
        var counts = parameter.Info().IsParticleCount;
        if (counts)
        {
            yMin = Math.Min(0, yMin);
        }
        var pad = yMax - yMin < 1e-9 ? Math.Max(1, Math.Abs(yMax) * 0.1) : (yMax - yMin) * 0.08;
        yMin -= yMin == 0 && counts ? 0 : pad;
        yMax += pad;
        return ChartScale.Linear(yMin, yMax, Top, PlotBottom);
    }

    private static string TickLabel(Parameter parameter, ChartScale scale, double value) =>
        scale.IsLogarithmic && value is > 0 and < 1 ? value.ToString("0.###", CultureInfo.InvariantCulture) : LiveBoard.Format(parameter, value);

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
/// <param name="Points">The step line: a horizontal segment per period, joined by a vertical step where the value changes.</param>
/// <param name="Title">Every step in words, for the tooltip and screen readers.</param>
/// <param name="Steps">The values drawn, per period.</param>
/// <param name="Labels">The value of each step wide enough to carry it, at the step's right end.</param>
public sealed record ChartLimit(string Kind, string Points, IReadOnlyList<ChartLabel> Labels, string Title, IReadOnlyList<LimitStep> Steps);

public sealed record ChartLabel(double X, double Y, string Text);

/// <summary>One limit value in force over [From, To), while the room was in <paramref name="State"/>.</summary>
public sealed record LimitStep(RoomState State, DateTimeOffset From, DateTimeOffset To, double Value);

/// <summary>A shaded stretch of the chart's time axis: a room state or a batch.</summary>
/// <param name="Kind">The CSS class: the state (at-rest, in-operation, clean-up, not-monitored) or batch.</param>
public sealed record ChartBand(double X1, double X2, string Kind, string Label, string Title);

/// <param name="Title">The tooltip (the instant in the other time zone), or null.</param>
public sealed record ChartTick(double Position, string Label, string? Title);
