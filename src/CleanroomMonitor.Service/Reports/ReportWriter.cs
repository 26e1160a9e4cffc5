using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The report's HTML pen: encoding, times in the site's zone, signatures, numbers with units, readable names, and
/// tables whose cells are already-encoded HTML.</summary>
internal sealed class ReportWriter(StringBuilder html, TimeZoneInfo siteZone, BatchReport report)
{
    public StringBuilder Html => html;

    public TimeZoneInfo SiteZone => siteZone;

    public static string E(object? value) => HtmlEncoder.Default.Encode(BatchReportCsv.Text(value));

    public string When(DateTimeOffset? at) => at is { } t ? $"<span class=\"when\">{E(BatchReportHtml.Time(t, siteZone))}</span>" : "—";

    public string Sig(ReportSignature? s) => s is null ? "<span class=\"open\">not signed</span>"
        : $"{E(s.PrintedName)} ({E(s.UserName)}, {E(s.Role)}), “{E(s.Meaning)}”, {When(s.At)}";

    public static string Num(double? value) => value switch
    {
        null => "—",
        { } d when Math.Abs(d) >= 1000 => d.ToString("#,0", CultureInfo.InvariantCulture).Replace(",", " ", StringComparison.Ordinal),
        { } d => Math.Round(d, 2).ToString("0.##", CultureInfo.InvariantCulture),
    };

    public string Room(string id) => report.RoomNames.TryGetValue(id, out var name) && name != id ? $"{name} ({id})" : id;

    /// <summary>A reason as a sentence: readable names, a capital and a full stop.</summary>
    public static string Sentence(string text)
    {
        var s = AuditWording.Capitalised(ParameterNames.Readable(text.Trim()));
        return s.EndsWith('.') ? s : s + ".";
    }

    public static string Parameter(string? wireName) => wireName is null ? "" : ParameterNames.DisplayName(wireName);

    public static string Unit(string? wireName) =>
        wireName is not null && ParameterCatalog.TryParse(wireName, out var info) ? info.Parameter.DisplayUnit() : "";

    public static string Duration(TimeSpan span) => span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:00} min"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds:00} s" : $"{span.Seconds} s";

    public void Heading(string level, string text) => html.Append('<').Append(level).Append('>').Append(E(text)).Append("</").Append(level).Append('>');

    /// <summary>A table, or the <paramref name="empty"/> sentence when it has no row. A cell starting with "&lt;td" is used as it is.</summary>
    public void Table(string? caption, string[] headers, IEnumerable<string[]> rows, string empty, string? css = null)
    {
        var list = rows.ToList();
        if (caption is not null)
        {
            Heading("h3", caption);
        }
        if (list.Count == 0)
        {
            html.Append("<p class=\"muted\">").Append(E(empty)).Append("</p>");
            return;
        }
        html.Append(css is null ? "<table>" : $"<table class=\"{css}\">").Append("<thead><tr>");
        foreach (var header in headers)
        {
            html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
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
