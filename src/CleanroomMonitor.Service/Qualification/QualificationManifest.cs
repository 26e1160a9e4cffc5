using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Qualification;

namespace CleanroomMonitor.Service.Qualification;

/// <summary>The printable document of an OQ run: the stored report followed by a signature manifest page (each
/// signature's printed name, user id, role, meaning and UTC time; the deviations with their dispositions; the stored
/// SHA-256), so the PDF carries the signatures with the record they sign (21 CFR 11.50(b), 11.70). The stored report
/// itself is never changed: this document is built anew for each PDF.</summary>
public static partial class QualificationManifest
{
    /// <summary>Put in front of the stored report so that Chromium, printing it, runs none of its scripts and fetches nothing.</summary>
    private const string NoScript = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";

    public static string Document(QualificationRunView view, string reportHtml, DateTimeOffset printedAt, string printedBy)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(reportHtml);
        var head = HeadTag().Match(reportHtml);
        var html = head.Success ? reportHtml.Insert(head.Index + head.Length, NoScript) : NoScript + reportHtml;
        var manifest = Page(view, QualificationUploadValidation.Sha256Of(reportHtml), printedAt, printedBy);
        var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return end >= 0 ? html.Insert(end, manifest) : html + manifest;
    }

    public static string Page(QualificationRunView view, string actualSha256, DateTimeOffset printedAt, string printedBy)
    {
        ArgumentNullException.ThrowIfNull(view);
        var run = view.Run;
        var page = new StringBuilder()
            .Append("<section style=\"page-break-before: always; break-before: page; font-family: sans-serif; font-size: 10pt\">")
            .Append(CultureInfo.InvariantCulture, $"<h1>Signature manifest of OQ run {E(run.RunId)}</h1>")
            .Append("<table border=\"1\" cellpadding=\"3\" style=\"border-collapse: collapse\">")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>protocol</th><td>{E(run.Protocol)} {E(run.ProtocolVersion)}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>site, facility version</th><td>{E(run.Site)}, {E(run.FacilityVersion)}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>run</th><td>{Utc(run.StartedAt)} to {Utc(run.FinishedAt)}; {(run.Passed ? "passed" : "not passed")}" +
                                                  $"{(run.Stopped ? ", stopped before its end" : "")}; {run.RowsPassed} of {run.Rows} rows passed</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>re-test of</th><td>{E(run.RetestOf ?? "—")}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>uploaded</th><td>{Utc(run.UploadedAt)} by {E(run.UploadedBy)}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>report SHA-256 (stored)</th><td><code>{E(run.ReportSha256)}</code>" +
                                                  $"{(string.Equals(actualSha256, run.ReportSha256, StringComparison.Ordinal) ? " (matches the report printed above)" : $" — DOES NOT MATCH the report printed above ({E(actualSha256)})")}</td></tr>")
            .Append(CultureInfo.InvariantCulture, $"<tr><th>status</th><td>{E(view.Status)}</td></tr></table>")
            .Append("<h2>Signatures</h2>");
        if (view.Signatures.Count == 0)
        {
            page.Append("<p>None yet.</p>");
        }
        else
        {
            page.Append("<table border=\"1\" cellpadding=\"3\" style=\"border-collapse: collapse\"><tr><th>meaning</th><th>printed name</th><th>user id</th><th>role</th>" +
                        "<th>signed (UTC)</th><th>how</th><th>comment</th></tr>");
            foreach (var s in view.Signatures)
            {
                page.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s.Signature.Meaning)}</td><td>{E(s.Signature.PrintedName)}</td><td>{E(s.Signature.UserName)}</td>" +
                                                          $"<td>{E(s.Signature.Role)}</td><td>{Utc(s.Signature.At)}</td><td>{E(s.Signature.Method)}</td><td>{E(s.Comment ?? "")}</td></tr>");
            }
            page.Append("</table>");
        }
        page.Append("<h2>Deviations</h2>");
        if (view.Deviations.Count == 0)
        {
            page.Append("<p>None listed.</p>");
        }
        else
        {
            page.Append("<table border=\"1\" cellpadding=\"3\" style=\"border-collapse: collapse\"><tr><th>number</th><th>kind</th><th>requirement / scenario</th>" +
                        "<th>detail</th><th>disposition</th><th>re-test run</th><th>dispositioned by (UTC)</th></tr>");
            foreach (var d in view.Deviations)
            {
                var by = d.Disposition is { } x ? $"{E(x.Signature.PrintedName)} ({E(x.Signature.UserName)}, {E(x.Signature.Role)}), {Utc(x.Signature.At)}" : "OPEN";
                page.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(d.Number)}</td><td>{E(d.Kind)}</td><td>{E(d.Requirement ?? "—")} / {E(d.Scenario ?? "—")}</td>" +
                                                          $"<td>{E(d.Detail)}</td><td>{E(d.Disposition?.Text ?? "")}</td><td>{E(d.Disposition?.RetestRun ?? "—")}</td><td>{by}</td></tr>");
            }
            page.Append("</table>");
        }
        return page.Append(CultureInfo.InvariantCulture, $"<p>Printed {Utc(printedAt)} for {E(printedBy)} from the record store of the cleanroom monitor.</p></section>")
            .ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex("<head(\\s[^>]*)?>", RegexOptions.IgnoreCase)]
    private static partial Regex HeadTag();
}
