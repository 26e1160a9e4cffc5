using System.Globalization;
using System.Text;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Trends;
using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>The printable trend report as HTML, one renderer for the page (/reports/trend/{room}) and the PDF, as for the
/// batch report (<see cref="BatchReportHtml"/>, whose styles it uses): adverse trends first, then the excursions, repeats,
/// recurrences, time in levels, completeness, the distribution per parameter with a chart, and the QA review block. Every
/// text from a record is HTML-encoded.</summary>
public static class TrendReportHtml
{
    /// <summary>A complete HTML document with no external resource, for Chromium's print-to-PDF.</summary>
    public static string Document(TrendReport report, TimeZoneInfo siteZone)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(siteZone);
        var title = ReportWriter.E($"Trend report {report.Room} {report.Period}");
        const string font = "font: 8.5px system-ui, sans-serif; color: #3d444d;";
        var margins = "@page { " +
                      $"@top-left {{ content: {BatchReportHtml.CssString($"Room {report.RoomName} ({report.Room}) · {report.Period}")}; {font} }} " +
                      $"@top-right {{ content: {BatchReportHtml.CssString($"Generated {BatchReportHtml.Time(report.GeneratedAt, siteZone)} · facility definition {report.FacilityVersion}")}; {font} }} " +
                      $"@bottom-left {{ content: {BatchReportHtml.CssString("Environmental-monitoring trend report " + report.Room)}; {font} }} " +
                      $"@bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); {font} }} }}";
        return $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{BatchReportHtml.Styles}\n{Styles}\n{margins}</style></head>" +
               $"<body>{Body(report, siteZone, exports: false)}</body></html>";
    }

    /// <summary>The trend report's few styles beyond the batch report's, inlined in the PDF's document; the page has the
    /// same rules in site.css ("trend-report"), since its Content-Security-Policy admits only the batch report's inline style.</summary>
    public const string Styles = """
        .em-report svg.chart .trend-max { fill: #1f4e79; fill-opacity: 0.55; }
        .em-report .legend .l-max { width: 6px; height: 6px; border-radius: 3px; background: #1f4e79; }
        .em-report .adverse { border: 3px solid #b7791f; background: #fdf6e7; padding: 6px 12px; margin: 10px 0; }
        .em-report .adverse.none { border-color: #1a7f37; background: #e9f7ee; }
        .em-report .changed { color: #b42318; font-weight: 700; }
        """;

    public static string Body(TrendReport report, TimeZoneInfo siteZone, bool exports = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(siteZone);
        var h = new StringBuilder(32 * 1024);
        var f = report.Figures;
        string When(DateTimeOffset at) => $"<span class=\"when\">{ReportWriter.E(BatchReportHtml.Time(at, siteZone))}</span>";
        string N(double? v) => ReportWriter.E(ReportWriter.Num(v));
        string Minutes(double m) => ReportWriter.E(ReportWriter.Duration(TimeSpan.FromMinutes(m)));
        string Td(object? v) => $"<td class=\"num\">{ReportWriter.E(v)}</td>";
        var room = Uri.EscapeDataString(report.Room);
        var query = report.Month is not null ? $"month={report.Month}"
            : $"from={Uri.EscapeDataString(report.From.ToString("O", CultureInfo.InvariantCulture))}&amp;to={Uri.EscapeDataString(report.To.ToString("O", CultureInfo.InvariantCulture))}";

        h.Append("<article class=\"em-report trend-report\" data-testid=\"trend-report\">");
        h.Append("<h1>Environmental-monitoring trend report: ").Append(ReportWriter.E($"{report.RoomName} ({report.Room})")).Append(", ")
            .Append(ReportWriter.E(report.Period)).Append("</h1>");
        h.Append("<dl class=\"facts\">")
            .Append("<dt>Period</dt><dd>").Append(When(report.From)).Append(" to ").Append(When(report.To)).Append(report.IsProvisional ? " <span class=\"open\">(not ended: provisional)</span>" : "").Append("</dd>")
            .Append("<dt>Compared with</dt><dd>").Append(When(report.Previous.From)).Append(" to ").Append(When(report.Previous.To)).Append("</dd>")
            .Append("<dt>Site</dt><dd>").Append(ReportWriter.E($"{report.SiteName} ({report.SiteTimeZone})")).Append("</dd>")
            .Append("<dt>Grade</dt><dd>").Append(ReportWriter.E(report.Grade ?? "—")).Append("</dd>")
            .Append("<dt>Generated</dt><dd>").Append(When(report.GeneratedAt)).Append(" by ").Append(ReportWriter.E(report.GeneratedBy)).Append("</dd>")
            .Append("<dt>Facility definition</dt><dd>").Append(ReportWriter.E(report.FacilityVersion)).Append("</dd>")
            .Append("</dl>");
        if (exports)
        {
            h.Append("<p class=\"exports\"><a href=\"/api/rooms/").Append(room).Append("/trend-report.pdf?").Append(query).Append("\">PDF</a>")
                .Append("<a href=\"/api/rooms/").Append(room).Append("/trend-report.csv?").Append(query).Append("\" download>CSV</a>")
                .Append("<a href=\"/api/rooms/").Append(room).Append("/trend-report?").Append(query).Append("\">JSON</a></p>");
        }

        h.Append("<h2>Adverse trends</h2>");
        if (report.Adverse.Count == 0)
        {
            h.Append("<div class=\"adverse none\" data-testid=\"trend-adverse\">No adverse trend against the previous period by the report's rules.</div>");
        }
        else
        {
            h.Append("<div class=\"adverse\" data-testid=\"trend-adverse\"><strong>").Append(report.Adverse.Count).Append(" adverse trend(s) against the previous period</strong><ol>");
            foreach (var a in report.Adverse)
            {
                h.Append("<li>").Append(ReportWriter.E(ReportWriter.Sentence(a.Text))).Append("</li>");
            }
            h.Append("</ol></div>");
        }
        h.Append(CultureInfo.InvariantCulture, $"<p class=\"rule\">Rules: an excursion count of a kind and level {TrendRules.CountMargin} or more above the previous period's; a P95 that moved more than {TrendRules.DistanceShare:P0} of its previous distance towards an alert limit (docs/reports.md \"Trend report\").</p>");

        var w = new ReportTable(h);
        h.Append("<h2>Excursions</h2>");
        h.Append(CultureInfo.InvariantCulture, $"<p>{f.Excursions} excursion(s) started in the period; {report.Previous.Excursions} in the previous period.</p>");
        w.Table(null, ["Kind", "Level", "This period", "Previous period"], f.ByKindAndLevel.Select(c => new[]
        {
            ReportWriter.E(Kind(c.Kind)), ReportWriter.E(c.Level), Td(c.Count),
            Td(report.Previous.ByKindAndLevel.FirstOrDefault(p => p.Kind == c.Kind && p.Level == c.Level)?.Count ?? 0),
        }), "No excursion started in the period.");
        w.Table("Repeats at the same location", ["Sensor", "Location", "Kind", "Excursions", "Alert", "Action", "First", "Last"], f.Repeats.Select(r => new[]
        {
            ReportWriter.E(r.Sensor), ReportWriter.E(r.Location), ReportWriter.E(Kind(r.Kind)), Td(r.Count), Td(r.Alert), Td(r.Action), When(r.First), When(r.Last),
        }), $"No sensor had {TrendRules.RepeatCount} or more excursions of one kind.");
        w.Table("Recurrence after maintenance or calibration", ["Sensor", "Excursion", "Started", "Returned to service or calibrated", "After", "Following", "Out of service for / calibration"], f.Recurrences.Select(r => new[]
        {
            ReportWriter.E(r.Sensor), ReportWriter.E($"{Kind(r.Kind)} {r.Level}"), When(r.StartedAt), When(r.ReturnedAt),
            ReportWriter.E(ReportWriter.Duration(TimeSpan.FromHours(r.HoursAfterReturn))),
            r.Cause == TrendRecurrenceCause.Calibration ? "after calibration" : "after maintenance", ReportWriter.E(r.Reason),
        }), $"No excursion within {TrendRules.RecurrenceWindow.TotalDays:0} days of a sensor's return to service or calibration.");
        w.Table("Time in alert and action", ["Sensor", "Parameter", "In alert", "In action"], f.TimeInLevels.Select(t => new[]
        {
            ReportWriter.E(t.Sensor), ReportWriter.E(ReportWriter.Parameter(t.Parameter)), $"<td class=\"num\">{Minutes(t.AlertMinutes)}</td>", $"<td class=\"num\">{Minutes(t.ActionMinutes)}</td>",
        }), "No sensor in the room.");
        w.Table("Data completeness", ["Sensor", "Location", "Expected", "Received", "Completeness"], f.Completeness.Select(c => new[]
        {
            ReportWriter.E(c.Sensor), ReportWriter.E(c.Location), Td(c.Expected), Td(c.Received), $"<td class=\"num\">{ReportWriter.E(c.Ratio.ToString("P1", CultureInfo.InvariantCulture))}</td>",
        }), "No sensor in the room.");

        h.Append("<h2>Distribution per parameter against the limits in force</h2>");
        w.Table(null, ["Sensor", "Parameter", "Samples", "P50", "P95", "P99", "Max", "Previous P95", "Alert", "Action", "≥ alert", "≥ action"], f.Distributions.Select(d =>
        {
            var before = report.Previous.Distributions.FirstOrDefault(p => p.Sensor == d.Sensor && p.Parameter == d.Parameter);
            return new[]
            {
                ReportWriter.E(d.Sensor), ReportWriter.E($"{ReportWriter.Parameter(d.Parameter)} {ReportWriter.Unit(d.Parameter)}".Trim()), Td(d.Count),
                $"<td class=\"num\">{N(d.P50)}</td>", $"<td class=\"num\">{N(d.P95)}</td>", $"<td class=\"num\">{N(d.P99)}</td>", $"<td class=\"num\">{N(d.Max)}</td>",
                $"<td class=\"num\">{N(before?.P95)}</td>",
                ReportWriter.E(string.Join("; ", d.Limits.Select(l => $"{l.State}: {Band(l.AlertLow, l.AlertHigh)}"))),
                ReportWriter.E(string.Join("; ", d.Limits.Select(l => $"{l.State}: {Band(l.ActionLow, l.ActionHigh)}"))),
                Td(d.AboveAlert), Td(d.AboveAction),
            };
        }), "No parameter measured in the room.");
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(report.From, siteZone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(report.To.AddTicks(-1), siteZone).DateTime);
        h.Append("<p class=\"legend\"><span><i class=\"l-mean\"></i>daily P95</span><span><i class=\"l-max\"></i>daily maximum</span>")
            .Append("<span><i class=\"l-alert\"></i>alert limit</span><span><i class=\"l-action\"></i>action limit</span></p><div class=\"charts\">");
        foreach (var d in f.Distributions)
        {
            var label = $"{d.Sensor} · {ReportWriter.Parameter(d.Parameter)} {ReportWriter.Unit(d.Parameter)}".Trim();
            h.Append("<figure>").Append(TrendChart.Svg(d, firstDay, lastDay, label)).Append("<figcaption>").Append(ReportWriter.E(label))
                .Append(" <span class=\"stats\">P95 ").Append(N(d.P95)).Append(", max ").Append(N(d.Max)).Append("</span></figcaption></figure>");
        }
        h.Append("</div>");

        h.Append("<section class=\"approvals\" data-testid=\"trend-review-block\"><h2>QA review</h2>");
        h.Append("<p class=\"rule\">Figures SHA-256 <code>").Append(ReportWriter.E(report.FiguresSha256)).Append("</code></p>");
        if (report.Reviews.Count == 0)
        {
            h.Append("<table class=\"approvals\"><thead><tr><th scope=\"col\">Reviewed by (printed name, role)</th><th scope=\"col\">Date and time</th><th scope=\"col\">Meaning</th><th scope=\"col\">Comment</th></tr></thead>")
                .Append("<tbody><tr><td><span class=\"open\">not yet reviewed</span></td><td></td><td></td><td></td></tr></tbody></table>");
        }
        else
        {
            h.Append("<ul>");
            foreach (var r in report.Reviews)
            {
                h.Append("<li data-testid=\"trend-review\">Reviewed by ").Append(ReportWriter.E($"{r.PrintedName} ({r.UserName}, {r.Role})")).Append(" on ").Append(When(r.At))
                    .Append(", meaning “").Append(ReportWriter.E(r.Meaning)).Append("”, ").Append(ReportWriter.E(r.Method))
                    .Append(r.Comment is { } c ? ": " + ReportWriter.E(c) : "");
                if (r.FiguresChanged)
                {
                    h.Append(" <span class=\"changed\" data-testid=\"figures-changed\">figures changed since review</span> <span class=\"muted\">(signed figures SHA-256 ")
                        .Append(ReportWriter.E(r.FiguresSha256[..12])).Append("…)</span>");
                }
                h.Append("</li>");
            }
            h.Append("</ul>");
        }
        h.Append("</section></article>");
        return h.ToString();
    }

    private static string Kind(ExcursionKind kind) => kind switch
    {
        ExcursionKind.DifferentialPressure => "differential pressure",
        ExcursionKind.PressureReversal => "pressure reversal",
        ExcursionKind.DataGap => "data gap",
        ExcursionKind.CommunicationLoss => "communication loss",
        ExcursionKind.SensorFault => "sensor fault",
        ExcursionKind.CleanUpNotRecovered => "clean-up not recovered",
        ExcursionKind.DataConflict => "data conflict",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string Band(double? low, double? high) => (low, high) switch
    {
        (null, null) => "none",
        (null, { } h) => "≥ " + ReportWriter.Num(h),
        ({ } l, null) => "≤ " + ReportWriter.Num(l),
        ({ } l, { } h) => $"≤ {ReportWriter.Num(l)} or ≥ {ReportWriter.Num(h)}",
    };
}
