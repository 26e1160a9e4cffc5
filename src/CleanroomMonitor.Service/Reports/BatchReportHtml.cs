using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The printable report as HTML: one renderer for the page (/reports/batch/{number}, inside the site layout) and
/// for the PDF (a self-contained document Chromium prints), so the screen, the paper and the PDF say the same thing.
/// It reads like the report a QA reviewer signs (docs/reports.md): a first page with the verdict, its reasons and a
/// summary per room; then excursions with their closure, gaps and unmonitored periods; per room and parameter the
/// statistics and a chart; the audit entries as one sentence each; and the review and approval block. Readable names
/// and units throughout: wire names and raw record values are in the CSV only. Every text from a record is
/// HTML-encoded: a comment holding <c>&lt;script&gt;</c> prints as text.</summary>
public static class BatchReportHtml
{
    /// <summary>The report's own styles, for the screen and for print.</summary>
    public const string Styles = BatchReportStyles.Css;

    /// <summary>A complete HTML document, with no external resource, for Chromium's print-to-PDF: with a running header
    /// (batch, product, tenant, generated at, configuration version) and "Page x of y" on every page.</summary>
    public static string Document(BatchReport report, TimeZoneInfo siteZone)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(siteZone);
        var title = HtmlEncoder.Default.Encode($"EM report {report.Batch.Number}");
        return $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{Styles}\n{PageMargins(report, siteZone)}</style></head>" +
               $"<body>{Body(report, siteZone, exports: false)}</body></html>";
    }

    /// <summary>The running header and footer as CSS page-margin boxes (CSS Paged Media; printed by Chromium since version
    /// 131): they belong to the document, so every PDF printed from it (the download and an issued copy alike) carries
    /// them, and Chromium's own header (file URL, print date) stays off. Record text goes into CSS strings escaped.</summary>
    internal static string PageMargins(BatchReport report, TimeZoneInfo siteZone)
    {
        ArgumentNullException.ThrowIfNull(report);
        var b = report.Batch;
        var left = $"Batch {b.Number} · {b.Product} · tenant {b.Tenant}";
        var right = $"Generated {Time(report.GeneratedAt, siteZone)} · facility definition {report.FacilityVersion}";
        const string font = "font: 8.5px system-ui, sans-serif; color: #3d444d;";
        return "@page { " +
               $"@top-left {{ content: {CssString(left)}; {font} }} " +
               $"@top-right {{ content: {CssString(right)}; {font} }} " +
               $"@bottom-left {{ content: {CssString("Batch environmental-monitoring report " + b.Number)}; {font} }} " +
               $"@bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); {font} }} }}";
    }

    /// <summary>A CSS string literal: quotes, backslashes, line breaks and "&lt;" escaped, so no record text can end the
    /// string or the style element.</summary>
    internal static string CssString(string text)
    {
        var s = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            s.Append(c switch
            {
                '"' or '\\' => "\\" + c,
                '<' or '>' or '\n' or '\r' or '\f' => $"\\{(int)c:X} ",
                _ when char.IsControl(c) => "",
                _ => c.ToString(),
            });
        }
        return s.Append('"').ToString();
    }

    /// <summary>A time in the site's zone with its offset: one unambiguous line.</summary>
    internal static string Time(DateTimeOffset at, TimeZoneInfo siteZone) =>
        TimeZoneInfo.ConvertTime(at, siteZone).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>The report's content: the first page (verdict, reasons, summary), then the detail.</summary>
    public static string Body(BatchReport report, TimeZoneInfo siteZone, bool exports = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(siteZone);
        var h = new StringBuilder(64 * 1024);
        var w = new ReportWriter(h, siteZone, report);
        var b = report.Batch;
        var number = Uri.EscapeDataString(b.Number);
        h.Append("<article class=\"em-report\"><section class=\"first-page\">");
        h.Append("<h1>Batch environmental-monitoring report: ").Append(ReportWriter.E(b.Number)).Append("</h1>");
        if (exports)
        {
            h.Append($"<p class=\"exports no-print\"><a href=\"/api/batches/{number}/report.csv\" download>Download CSV</a>")
             .Append($"<a href=\"/api/batches/{number}/report.pdf\">Download PDF</a>")
             // No inline handler: the Content-Security-Policy refuses them; /static/report.js binds [data-print].
             .Append("<a href=\"#\" data-print>Print</a></p>");
        }
        h.Append("<dl class=\"facts\">")
         .Append($"<dt>Product</dt><dd>{ReportWriter.E(b.Product)}</dd><dt>Tenant</dt><dd>{ReportWriter.E(b.Tenant)}</dd>")
         .Append($"<dt>Rooms</dt><dd>{ReportWriter.E(string.Join(", ", b.Rooms.Select(r => w.Room(r.Value))))}</dd><dt>Process</dt><dd>{ReportWriter.E(b.Process)}</dd>")
         .Append($"<dt>Batch window</dt><dd>{w.When(report.From)} to {w.When(report.To)}{(b.IsActive ? " <span class=\"open\">(batch still active)</span>" : "")}</dd>")
         .Append($"<dt>Times</dt><dd>site time, {ReportWriter.E(report.SiteName)} ({ReportWriter.E(report.SiteTimeZone)})</dd>")
         .Append($"<dt>Facility definition</dt><dd>{ReportWriter.E(report.FacilityVersion)}")
         .Append(report.FacilityVersionsSeen.Count > 1 ? $" <span class=\"open\">(versions in the period: {ReportWriter.E(string.Join(", ", report.FacilityVersionsSeen))})</span>" : "")
         .Append($"</dd><dt>Generated</dt><dd>{w.When(report.GeneratedAt)} by {ReportWriter.E(report.GeneratedBy)}</dd></dl>");

        var v = report.Verdict;
        h.Append($"<section class=\"verdict {(v.ClearForRelease ? "clear" : "refused")}\" data-testid=\"verdict\">")
         .Append(v.ClearForRelease ? "<strong>Clear for release</strong>" : $"<strong>Not clear for release</strong>, for {(v.Reasons.Count == 1 ? "this reason" : $"these {v.Reasons.Count} reasons")}:<ol>");
        foreach (var reason in v.Reasons)
        {
            h.Append("<li>").Append(ReportWriter.E(ReportWriter.Sentence(reason))).Append("</li>");
        }
        h.Append(v.ClearForRelease ? "" : "</ol>").Append("<p class=\"rule\">").Append(ReportWriter.E(v.Rule)).Append("</p></section>");
        ReportSections.Summary(w, report);
        h.Append("</section>");

        ReportSections.Excursions(w, report);
        ReportSections.Rooms(w, report);
        ReportSections.Completeness(w, report);
        ReportSections.Audit(w, report);
        ReportSections.Approvals(w, report);
        h.Append("</article>");
        return h.ToString();
    }
}
