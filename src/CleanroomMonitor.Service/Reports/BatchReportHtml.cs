using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The printable report as HTML: one renderer for the page (/reports/batch/{number}, inside the site layout) and
/// for the PDF (a self-contained document Chromium prints), so the screen, the paper and the PDF say the same thing.
/// Every text from a record is HTML-encoded: a comment holding <c>&lt;script&gt;</c> prints as text.</summary>
public static class BatchReportHtml
{
    /// <summary>The report's own styles, for the screen and for print (A4 landscape, table headers repeated on each page,
    /// rows never split, links and buttons hidden, colour kept for the verdict).</summary>
    public const string Styles = """
        .em-report { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; }
        .em-report h1 { font-size: 20px; margin: 0 0 4px; } .em-report h2 { font-size: 16px; margin: 22px 0 6px; border-bottom: 2px solid #1b1f24; }
        .em-report h3 { font-size: 14px; margin: 14px 0 4px; }
        .em-report dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 12px; margin: 8px 0; }
        .em-report dt { font-weight: 600; } .em-report dd { margin: 0; }
        .em-report table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; font-size: 12px; }
        .em-report th, .em-report td { border: 1px solid #b8bfc7; padding: 3px 5px; text-align: left; vertical-align: top; }
        .em-report th { background: #eef1f4; } .em-report td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .em-report .verdict { border: 3px solid; padding: 8px 12px; margin: 10px 0; }
        .em-report .verdict.clear { border-color: #1a7f37; background: #e9f7ee; } .em-report .verdict.refused { border-color: #b42318; background: #fdecea; }
        .em-report .verdict strong { font-size: 16px; } .em-report .rule { font-size: 11px; color: #4a525c; }
        .em-report .open { color: #b42318; font-weight: 600; } .em-report .when { white-space: nowrap; } .em-report .muted { color: #5b636d; }
        .em-report .exports a { margin-right: 12px; } .em-report pre { white-space: pre-wrap; word-break: break-all; margin: 0; font-size: 11px; }
        @media print {
          @page { size: A4 landscape; margin: 12mm; }
          body { background: #fff; } header.top, nav, .skip, .no-print, .em-report .exports { display: none !important; }
          .em-report { font-size: 10.5px; } .em-report table { font-size: 9.5px; }
          .em-report thead { display: table-header-group; } .em-report tr { break-inside: avoid; } .em-report h2 { break-after: avoid; }
          .em-report .verdict, .em-report th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          .em-report a { color: inherit; text-decoration: none; }
        }
        """;

    /// <summary>A complete HTML document, with no external resource, for Chromium's print-to-PDF.</summary>
    public static string Document(BatchReport report, TimeZoneInfo siteZone)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = HtmlEncoder.Default.Encode($"EM report {report.Batch.Number}");
        return $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{Styles}</style></head>" +
               $"<body>{Body(report, siteZone, exports: false)}</body></html>";
    }

    /// <summary>The report's content: verdict and what needs a decision first, then the figures.</summary>
    public static string Body(BatchReport report, TimeZoneInfo siteZone, bool exports = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(siteZone);
        var h = new StringBuilder(32 * 1024);
        string E(object? value) => HtmlEncoder.Default.Encode(BatchReportCsv.Text(value));
        string When(DateTimeOffset? at) => at is { } t
            ? $"<span class=\"when\">{E(t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))}<br><span class=\"muted\">{E(TimeZoneInfo.ConvertTime(t, siteZone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture))}</span></span>"
            : "—";
        string Sig(ReportSignature? s) => s is null ? "<span class=\"open\">not signed</span>"
            : $"{E(s.PrintedName)} ({E(s.UserName)}, {E(s.Role)})<br>“{E(s.Meaning)}”<br>{When(s.At)}<br><span class=\"muted\">{E(s.Method)}</span>";
        string Num(double? v) => v is { } d ? E(Math.Round(d, 3)) : "—";
        void Table(string caption, string[] headers, IEnumerable<string[]> rows, string empty)
        {
            var list = rows.ToList();
            h.Append("<h3>").Append(E(caption)).Append("</h3>");
            if (list.Count == 0)
            {
                h.Append("<p class=\"muted\">").Append(E(empty)).Append("</p>");
                return;
            }
            h.Append("<table><thead><tr>");
            foreach (var header in headers)
            {
                h.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
            }
            h.Append("</tr></thead><tbody>");
            foreach (var row in list)
            {
                h.Append("<tr>");
                foreach (var cell in row)
                {
                    h.Append(cell.StartsWith("<td", StringComparison.Ordinal) ? cell : "<td>" + cell + "</td>");
                }
                h.Append("</tr>");
            }
            h.Append("</tbody></table>");
        }

        var b = report.Batch;
        var number = Uri.EscapeDataString(b.Number);
        h.Append("<article class=\"em-report\">");
        h.Append("<h1>Batch environmental-monitoring report: ").Append(E(b.Number)).Append("</h1>");
        if (exports)
        {
            h.Append($"<p class=\"exports no-print\"><a href=\"/api/batches/{number}/report.csv\" download>Download CSV</a>")
             .Append($"<a href=\"/api/batches/{number}/report.pdf\">Download PDF</a>")
             // No inline handler: the Content-Security-Policy refuses them; /static/report.js binds [data-print].
             .Append("<a href=\"#\" data-print>Print</a></p>");
        }
        h.Append("<dl class=\"facts\">")
         .Append($"<dt>Product</dt><dd>{E(b.Product)}</dd><dt>Tenant</dt><dd>{E(b.Tenant)}</dd>")
         .Append($"<dt>Rooms</dt><dd>{E(string.Join(", ", b.Rooms))}</dd><dt>Process</dt><dd>{E(b.Process)}</dd>")
         .Append($"<dt>Period from</dt><dd>{When(report.From)}</dd><dt>to</dt><dd>{When(report.To)}{(b.IsActive ? " <span class=\"open\">(batch still active)</span>" : "")}</dd>")
         .Append($"<dt>Site</dt><dd>{E(report.SiteName)} ({E(report.SiteTimeZone)})</dd><dt>Facility definition</dt><dd>{E(report.FacilityVersion)}")
         .Append(report.FacilityVersionsSeen.Count > 1 ? $" <span class=\"open\">(versions in the period: {E(string.Join(", ", report.FacilityVersionsSeen))})</span>" : "")
         .Append($"</dd><dt>Generated</dt><dd>{When(report.GeneratedAt)}</dd><dt>by</dt><dd>{E(report.GeneratedBy)}</dd></dl>");

        var v = report.Verdict;
        h.Append($"<section class=\"verdict {(v.ClearForRelease ? "clear" : "refused")}\" data-testid=\"verdict\">")
         .Append(v.ClearForRelease ? "<strong>Clear for release</strong>" : "<strong>Not clear for release</strong><ul>");
        foreach (var reason in v.Reasons)
        {
            h.Append("<li>").Append(E(reason)).Append("</li>");
        }
        h.Append(v.ClearForRelease ? "" : "</ul>").Append("<p class=\"rule\">").Append(E(v.Rule)).Append("</p></section>");

        h.Append("<h2>For the Authorised Person's decision</h2>");
        string[] excursionHeaders = ["Status", "Level / kind", "Where", "When", "Rule, value, limit", "Acknowledged", "Closed by QA", "Decision for this batch"];
        IEnumerable<string[]> ExcursionRows(IEnumerable<ReportExcursion> list) => list.Select(e => new[]
        {
            e.NeedsDecision ? $"<span class=\"open\">{E(e.Status)}</span>" : E(e.Status),
            $"{E(e.Level)}<br>{E(e.Kind)}",
            $"{E(e.Room)}{(e.Sensor is null ? "" : " / " + E(e.Sensor))}{(e.Parameter is null ? "" : "<br>" + E(e.Parameter))}{(e.IsLinked ? "" : "<br><span class=\"muted\">in the room, not linked</span>")}" +
            (e.FoundLate ? "<br><span class=\"open\" data-testid=\"found-late\">found late (after the batch ended)</span>" : "") +
            (e.FromHistoricalData ? "<br><span class=\"muted\">from historical (replayed) data</span>" : ""),
            $"{When(e.StartedAt)}<br>to {(e.EndedAt is null ? "<span class=\"open\">ongoing</span>" : When(e.EndedAt))}",
            $"{E(e.Rule)}<br>value {Num(e.TriggerValue)}, peak {Num(e.PeakValue)}, limit {Num(e.Limit)}<br><span class=\"muted\">limits {E(e.LimitsVersion ?? "—")} · {E(e.Id)}</span>",
            (e.Acknowledgement is null ? Sig(null) : $"{Sig(e.Acknowledgement)}<br>cause: {E(e.Cause)}<br>{E(e.AcknowledgementComment)}{(e.ImmediateAction is null ? "" : "<br>action: " + E(e.ImmediateAction))}") +
                (e.Notifications.Count == 0 ? "" : "<br><span class=\"muted\" data-testid=\"notified\">notified: " + string.Join("<br>", e.Notifications.Select(E)) + "</span>"),
            e.Closure is null ? Sig(null) : $"{Sig(e.Closure)}<br>deviation {E(e.Deviation)}{(e.Capa is null ? "" : ", CAPA " + E(e.Capa))}<br>{E(e.ClosureComment)}",
            e.ImpactDecision is null ? "<span class=\"open\">none recorded</span>" : $"<strong>{E(e.ImpactDecision)}</strong><br>{E(e.ImpactReason)}",
        });
        Table("Excursions", excursionHeaders, ExcursionRows(report.Excursions), "No excursion touches this batch.");
        Table("Data gaps (no data, communication loss, sensor fault)", excursionHeaders, ExcursionRows(report.DataGaps), "No data gap was recorded.");
        Table("Alert and action samples in the stored data (runs of consecutive samples)", ["Where", "Level", "From", "To", "Samples", "Accounted for by"],
            report.BreachRuns.Select(r => new[]
            {
                $"{E(r.Room)} / {E(r.Sensor)}<br>{E(r.Parameter)}", E(r.Level), When(r.First), When(r.Last), $"<td class=\"num\">{E(r.Count)}</td>",
                r.ExplainedBy is { } id ? $"excursion {E(id)}"
                : r.Review is { } review ? $"breach review {E(review.Id)}<br>{Sig(review.Signature)}<br>{E(review.Reason)}"
                : "<span class=\"open\">nothing: needs QA's breach review</span>",
            }).Concat(report.CappedSeries.Select(c => new[] { E(c), "<span class=\"open\">capped</span>", "—", "—", "—", "<span class=\"open\">more samples than the report reads</span>" })),
            "No stored sample is at or beyond an alert or action limit.");
        Table("Sensors out of service during the batch (not monitored)", ["Sensor", "From", "To", "Reason", "By", "Returned"],
            report.OutOfService.Select(o => new[]
            {
                $"{E(o.Room)} / {E(o.Sensor)}{(o.Parameter is null ? "" : "<br>" + E(o.Parameter))}", When(o.From),
                o.To is null ? $"<span class=\"open\">still out of service</span> (expected {When(o.ExpectedEnd)})" : When(o.To),
                E(o.Reason), E(o.By), o.ReturnedBy is null ? "—" : $"{E(o.ReturnedBy)}<br>{E(o.ReturnReason)}",
            }), "Every sensor was in service throughout the batch.");
        string[] auditHeaders = ["#", "When", "Who", "What", "Record", "Old value", "New value", "Why"];
        IEnumerable<string[]> AuditRows(IEnumerable<ReportAuditEntry> list) => list.Select(a => new[]
        {
            E(a.Sequence), When(a.At), $"{E(a.User)}<br><span class=\"muted\">{E(a.Role)}</span>", E(a.Action), $"{E(a.EntityType)} {E(a.EntityId)}",
            a.OldValue is null ? "—" : $"<pre>{E(a.OldValue)}</pre>", a.NewValue is null ? "—" : $"<pre>{E(a.NewValue)}</pre>", E(a.Reason ?? "—"),
        });
        Table("Data changed after first entry (Annex 11 §8.2)", auditHeaders, AuditRows(report.DataChanges), "No recorded value was changed after it was first entered.");
        Table("Audit trail for the batch, its rooms and its excursions", auditHeaders, AuditRows(report.AuditTrail), "No audit entry.");

        h.Append("<h2>Figures</h2>");
        Table("Parameters (aggregated in InfluxDB over the period)", ["Room", "Sensor", "Parameter", "Unit", "Samples", "Min", "Max", "Mean", "Time in alert", "Time in action"],
            report.Statistics.Select(s => new[]
            {
                E(s.Room), E(s.Sensor), E(s.Parameter), E(s.Unit), $"<td class=\"num\">{E(s.Samples)}</td>", $"<td class=\"num\">{Num(s.Min)}</td>",
                $"<td class=\"num\">{Num(s.Max)}</td>", $"<td class=\"num\">{Num(s.Mean)}</td>",
                s.IsJudged ? $"<td class=\"num\">{E(s.TimeInAlert)} ({E(s.AlertSamples)})</td>" : "<td class=\"muted\">not judged</td>",
                s.IsJudged ? $"<td class=\"num\">{E(s.TimeInAction)} ({E(s.ActionSamples)})</td>" : "<td class=\"muted\">not judged</td>",
            }), "No sensor in the batch's rooms.");
        Table("Data completeness per sensor (received ÷ expected samples)", ["Room", "Sensor", "Location", "Interval", "Expected", "Received", "Completeness", "Gap"],
            report.Completeness.Select(c => new[]
            {
                E(c.Room), E(c.Sensor), E(c.Location), E(c.Interval), $"<td class=\"num\">{E(c.Expected)}</td>", $"<td class=\"num\">{E(c.Received)}</td>",
                $"<td class=\"num\">{E(c.Ratio.ToString("P1", CultureInfo.InvariantCulture))}</td>",
                c.IsUnexplainedGap ? "<span class=\"open\">unexplained</span>" : E(c.Explanation ?? "—"),
            }), "No sensor in the batch's rooms.");
        Table("Limits in force", ["Room", "Sensor", "Parameter", "Room state", "From", "To", "Limits", "Version", "Source"],
            report.Limits.Select(l => new[]
            {
                E(l.Room), E(l.Sensor), E(l.Parameter), E(l.State), When(l.From), When(l.To), E(l.Description),
                l.RecordedVersion is null || l.RecordedVersion == l.Version ? E(l.Version)
                    : $"{E(l.Version)} <span class=\"open\">(recorded in the period: {E(l.RecordedVersion)})</span>",
                E(l.Source),
            }), "No limits apply.");
        h.Append(ReportApprovalBlock.Html(report, siteZone));
        h.Append("</article>");
        return h.ToString();
    }
}
