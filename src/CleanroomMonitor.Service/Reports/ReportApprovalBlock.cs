using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The report's review and approval block (21 CFR 11.50: printed name, user id, role, meaning, date and time,
/// method), printed into the issued PDF. Nothing for a draft: an unsigned report carries no empty signature lines that
/// could be signed on paper instead.</summary>
public static class ReportApprovalBlock
{
    public static string Html(BatchReport report, TimeZoneInfo siteZone)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(siteZone);
        var approvals = report.Approvals;
        if (approvals.Count == 0)
        {
            return "";
        }
        static string E(string text) => HtmlEncoder.Default.Encode(text);
        var h = new StringBuilder("<section class=\"approvals\" data-testid=\"approvals\"><h2>Review and approval</h2>");
        if (report.IssueVersion is { } version)
        {
            h.Append("<p><strong>Issued, version ").Append(version.ToString(CultureInfo.InvariantCulture))
             .Append("</strong>: this file is frozen at approval; its SHA-256 is recorded with it (GET /api/batches/…/report/issues).</p>");
        }
        h.Append("<table><thead><tr>");
        foreach (var header in (string[])["Meaning", "Printed name", "User id", "Role", "Signed (UTC)", $"Signed (site, {siteZone.Id})", "Method"])
        {
            h.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        }
        h.Append("</tr></thead><tbody>");
        foreach (var s in approvals)
        {
            h.Append("<tr><td><strong>").Append(E(s.Meaning)).Append("</strong></td><td>").Append(E(s.PrintedName)).Append("</td><td>").Append(E(s.UserName))
             .Append("</td><td>").Append(E(s.Role)).Append("</td><td class=\"when\">")
             .Append(E(s.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))).Append("</td><td class=\"when\">")
             .Append(E(s.AtSite.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture))).Append("</td><td>").Append(E(s.Method)).Append("</td></tr>");
        }
        return h.Append("</tbody></table></section>").ToString();
    }
}
