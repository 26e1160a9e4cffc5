using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace CleanroomMonitor.Service.Reports;

/// <summary>One sensor parameter over the batch window as an inline SVG, drawn on the server so the page, the print and
/// the PDF show the same picture without script: per roll-up hour or raw step the min–max band and the mean line, the
/// alert and action limits in force in each room-state segment as step lines, the batch window shaded, and the
/// excursions of that sensor parameter (or of its room) marked with their number in the report's excursion table.</summary>
internal static class ReportChart
{
    private const double Width = 620, Height = 190, Left = 64, Right = 10, Top = 10, Bottom = 24;

    /// <param name="excursions">The excursions to mark, with the number the report gives them (E1, E2, …).</param>
    public static string Svg(ParameterStatistics statistics, IReadOnlyList<ReportLimits> limits, IReadOnlyList<(int Number, ReportExcursion Excursion)> excursions,
        DateTimeOffset from, DateTimeOffset to, TimeZoneInfo siteZone, string label)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(excursions);
        var window = to - from;
        if (window <= TimeSpan.Zero)
        {
            window = TimeSpan.FromMinutes(1);
        }
        // The axis runs a little beyond the window on both sides so the shaded window reads as the batch's own span.
        var pad = window * 0.03;
        var (x0, x1) = (from - pad, to + pad);
        var values = statistics.Buckets.SelectMany(b => new[] { b.Min, b.Max }).Concat(limits.SelectMany(l => new[] { l.AlertHigh, l.AlertLow, l.ActionHigh, l.ActionLow }))
            .OfType<double>().Where(double.IsFinite).ToList();
        var (lo, hi) = values.Count == 0 ? (0d, 1d) : (values.Min(), values.Max());
        if (hi - lo < 1e-9)
        {
            (lo, hi) = (lo - Math.Max(1, Math.Abs(lo) * 0.1), hi + Math.Max(1, Math.Abs(hi) * 0.1));
        }
        var tick = NiceStep((hi - lo) / 4);
        (lo, hi) = (Math.Floor(lo / tick) * tick, Math.Ceiling(hi / tick) * tick);
        double X(DateTimeOffset t) => Left + (Width - Left - Right) * ((t - x0) / (x1 - x0));
        double Y(double v) => Top + (Height - Top - Bottom) * (1 - (v - lo) / (hi - lo));
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var s = new StringBuilder(4096);
        s.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {F(Width)} {F(Height)}\" role=\"img\" aria-label=\"{HtmlEncoder.Default.Encode(label)}\">");
        s.Append(CultureInfo.InvariantCulture, $"<rect class=\"window\" x=\"{F(X(from))}\" y=\"{F(Top)}\" width=\"{F(X(to) - X(from))}\" height=\"{F(Height - Top - Bottom)}\"/>");
        for (var v = lo; v <= hi + tick / 2; v += tick)
        {
            s.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{F(Left)}\" x2=\"{F(Width - Right)}\" y1=\"{F(Y(v))}\" y2=\"{F(Y(v))}\"/>")
             .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(Left - 4)}\" y=\"{F(Y(v) + 3)}\" text-anchor=\"end\">{Compact(v)}</text>");
        }
        foreach (var (number, excursion) in excursions)
        {
            var start = Math.Max(X(excursion.StartedAt), Left);
            var end = Math.Min(X(excursion.EndedAt ?? to), Width - Right);
            s.Append(CultureInfo.InvariantCulture, $"<rect class=\"excursion\" x=\"{F(start)}\" y=\"{F(Top)}\" width=\"{F(Math.Max(2, end - start))}\" height=\"{F(Height - Top - Bottom)}\"/>")
             .Append(CultureInfo.InvariantCulture, $"<text class=\"marker\" x=\"{F(start + 2)}\" y=\"{F(Top + 10)}\">E{number}</text>");
        }
        foreach (var b in statistics.Buckets)
        {
            if (b.Min is { } min && b.Max is { } max)
            {
                var top = Y(max);
                s.Append(CultureInfo.InvariantCulture, $"<rect class=\"band\" x=\"{F(X(b.From))}\" y=\"{F(top)}\" width=\"{F(Math.Max(1, X(b.To) - X(b.From)))}\" height=\"{F(Math.Max(1, Y(min) - top))}\"/>");
            }
        }
        var mean = string.Join(' ', statistics.Buckets.Where(b => b.Mean is not null)
            .SelectMany(b => new[] { $"{F(X(b.From))},{F(Y(b.Mean!.Value))}", $"{F(X(b.To))},{F(Y(b.Mean!.Value))}" }));
        if (mean.Length > 0)
        {
            s.Append(CultureInfo.InvariantCulture, $"<polyline class=\"mean\" points=\"{mean}\"/>");
        }
        foreach (var l in limits)
        {
            foreach (var (value, css) in new[] { (l.AlertHigh, "alert"), (l.AlertLow, "alert"), (l.ActionHigh, "action"), (l.ActionLow, "action") })
            {
                if (value is { } v && double.IsFinite(v))
                {
                    s.Append(CultureInfo.InvariantCulture, $"<line class=\"{css}\" x1=\"{F(X(l.From))}\" x2=\"{F(X(l.To))}\" y1=\"{F(Y(v))}\" y2=\"{F(Y(v))}\"/>");
                }
            }
        }
        var axisY = Height - Bottom;
        s.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{F(Left)}\" x2=\"{F(Width - Right)}\" y1=\"{F(axisY)}\" y2=\"{F(axisY)}\"/>");
        var longWindow = window > TimeSpan.FromDays(1);
        foreach (var (at, anchor) in new[] { (from, "start"), (from + window / 2, "middle"), (to, "end") })
        {
            var local = TimeZoneInfo.ConvertTime(at, siteZone);
            var text = local.ToString(longWindow ? "dd MMM HH:mm" : "HH:mm", CultureInfo.InvariantCulture);
            s.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{F(X(at))}\" x2=\"{F(X(at))}\" y1=\"{F(axisY)}\" y2=\"{F(axisY + 3)}\"/>")
             .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(X(at))}\" y=\"{F(axisY + 14)}\" text-anchor=\"{anchor}\">{text}</text>");
        }
        if (statistics.Buckets.Count == 0)
        {
            s.Append(CultureInfo.InvariantCulture, $"<text class=\"nodata\" x=\"{F(Width / 2)}\" y=\"{F(Height / 2)}\" text-anchor=\"middle\">no samples in the window</text>");
        }
        return s.Append("</svg>").ToString();
    }

    /// <summary>1, 2, 2.5 or 5 times a power of ten: axis steps a reader can add up.</summary>
    internal static double NiceStep(double rough)
    {
        if (!(rough > 0) || !double.IsFinite(rough))
        {
            return 1;
        }
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / power;
        return power * (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10);
    }

    /// <summary>An axis label: "3.5M", "120k", "12.5" (particle counts run to millions per m³).</summary>
    internal static string Compact(double value) => Math.Abs(value) switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };
}
