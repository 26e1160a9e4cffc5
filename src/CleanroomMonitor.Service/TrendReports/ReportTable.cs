using System.Text;
using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>A table of already-encoded cells, or a sentence when it has no row: the batch report's table shape
/// (<see cref="ReportWriter.Table"/>), for a report that is not about a batch.</summary>
internal sealed class ReportTable(StringBuilder html)
{
    public void Table(string? caption, string[] headers, IEnumerable<string[]> rows, string empty)
    {
        var list = rows.ToList();
        if (caption is not null)
        {
            html.Append("<h3>").Append(ReportWriter.E(caption)).Append("</h3>");
        }
        if (list.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(ReportWriter.E(empty)).Append("</p>");
            return;
        }
        html.Append("<table><thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th scope=\"col\">").Append(ReportWriter.E(header)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var row in list)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell.StartsWith("<td", StringComparison.Ordinal) ? cell : "<td>" + cell + "</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }
}
