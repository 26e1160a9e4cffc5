using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Trends;
using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>One sensor parameter over the period as an inline SVG drawn on the server (the page, the print and the PDF show
/// the same picture without script): per site day the P95 as a line and the maximum as dots, and each alert and action
/// limit in force as a horizontal line. It uses the batch report chart's classes, so one stylesheet colours both.</summary>
internal static class TrendChart
{
    private const double Width = 620, Height = 170, Left = 64, Right = 10, Top = 10, Bottom = 24;

    public static string Svg(TrendDistribution distribution, DateOnly firstDay, DateOnly lastDay, string label)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var days = Math.Max(1, lastDay.DayNumber - firstDay.DayNumber + 1);
        var limits = distribution.Limits
            .SelectMany(l => new (double? Value, string Css)[] { (l.AlertHigh, "alert"), (l.AlertLow, "alert"), (l.ActionHigh, "action"), (l.ActionLow, "action") })
            .Where(l => l.Value is { } v && double.IsFinite(v)).Select(l => (Value: l.Value!.Value, l.Css)).Distinct().ToList();
        var values = distribution.Days.SelectMany(d => new[] { d.P95, d.Max }).OfType<double>().Concat(limits.Select(l => l.Value)).ToList();
        var (lo, hi) = values.Count == 0 ? (0d, 1d) : (Math.Min(0, values.Min()), values.Max());
        if (hi - lo < 1e-9)
        {
            hi = lo + Math.Max(1, Math.Abs(lo) * 0.1);
        }
        double X(DateOnly day) => Left + (Width - Left - Right) * ((day.DayNumber - firstDay.DayNumber + 0.5) / days);
        double Y(double v) => Top + (Height - Top - Bottom) * (1 - (v - lo) / (hi - lo));
        string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

        var svg = new StringBuilder(4096);
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{ReportWriter.E(label)}\">");
        foreach (var tick in new[] { lo, (lo + hi) / 2, hi })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(tick))}\" y2=\"{F(Y(tick))}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 4}\" y=\"{F(Y(tick) + 3)}\" text-anchor=\"end\">{ReportWriter.E(ReportWriter.Num(tick))}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\"/>");
        foreach (var day in new[] { firstDay, lastDay }.Distinct())
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(X(day))}\" y=\"{Height - 8}\" text-anchor=\"middle\">{day:yyyy-MM-dd}</text>");
        }
        foreach (var (value, css) in limits)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{css}\" x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(value))}\" y2=\"{F(Y(value))}\"/>");
        }
        var p95 = distribution.Days.Where(d => d.P95 is not null).Select(d => $"{F(X(d.Day))},{F(Y(d.P95!.Value))}").ToList();
        if (p95.Count > 0)
        {
            svg.Append("<polyline class=\"mean\" points=\"").Append(string.Join(' ', p95)).Append("\"/>");
        }
        foreach (var day in distribution.Days.Where(d => d.Max is not null))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"trend-max\" cx=\"{F(X(day.Day))}\" cy=\"{F(Y(day.Max!.Value))}\" r=\"2.2\"/>");
        }
        if (distribution.Days.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"nodata\" x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">no valid samples in the period</text>");
        }
        return svg.Append("</svg>").ToString();
    }
}
