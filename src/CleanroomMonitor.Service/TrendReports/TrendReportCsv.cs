using System.Text;
using CleanroomMonitor.Core.Trends;
using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.Service.TrendReports;

/// <summary>The trend report as CSV in the batch report's shape (<see cref="BatchReportCsv"/>): one fact per row,
/// <c>section,subject,field,value</c>, RFC 4180 and formula-injection safe, wire names and UTC times.</summary>
public static class TrendReportCsv
{
    public static string Write(TrendReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder(16 * 1024).Append(BatchReportCsv.Header).Append("\r\n");
        void Row(string section, string subject, string field, object? value) =>
            csv.Append(BatchReportCsv.Cell(section)).Append(',').Append(BatchReportCsv.Cell(subject)).Append(',').Append(BatchReportCsv.Cell(field)).Append(',')
                .Append(BatchReportCsv.Cell(BatchReportCsv.Text(value))).Append("\r\n");

        var f = report.Figures;
        Row("report", report.Room, "roomName", report.RoomName);
        Row("report", report.Room, "period", report.Period);
        Row("report", report.Room, "from", report.From);
        Row("report", report.Room, "to", report.To);
        Row("report", report.Room, "provisional", report.IsProvisional);
        Row("report", report.Room, "generatedAt", report.GeneratedAt);
        Row("report", report.Room, "generatedBy", report.GeneratedBy);
        Row("report", report.Room, "site", report.SiteName);
        Row("report", report.Room, "siteTimeZone", report.SiteTimeZone);
        Row("report", report.Room, "facilityVersion", report.FacilityVersion);
        Row("report", report.Room, "figuresSha256", report.FiguresSha256);
        Row("report", report.Room, "previousFrom", report.Previous.From);
        Row("report", report.Room, "previousTo", report.Previous.To);
        Row("excursions", report.Room, "total", f.Excursions);
        Row("excursions", report.Room, "previousTotal", report.Previous.Excursions);
        foreach (var c in f.ByKindAndLevel)
        {
            Row("excursions", $"{c.Kind} {c.Level}", "count", c.Count);
            Row("excursions", $"{c.Kind} {c.Level}", "previousCount",
                report.Previous.ByKindAndLevel.FirstOrDefault(p => p.Kind == c.Kind && p.Level == c.Level)?.Count ?? 0);
        }
        foreach (var r in f.Repeats)
        {
            var subject = $"{r.Sensor} {r.Kind}";
            Row("repeat", subject, "location", r.Location);
            Row("repeat", subject, "count", r.Count);
            Row("repeat", subject, "alert", r.Alert);
            Row("repeat", subject, "action", r.Action);
            Row("repeat", subject, "first", r.First);
            Row("repeat", subject, "last", r.Last);
            Row("repeat", subject, "excursions", string.Join(" ", r.Excursions));
        }
        foreach (var r in f.Recurrences)
        {
            var subject = r.Excursion.ToString();
            Row("recurrence", subject, "sensor", r.Sensor);
            Row("recurrence", subject, "kind", r.Kind);
            Row("recurrence", subject, "level", r.Level);
            Row("recurrence", subject, "startedAt", r.StartedAt);
            Row("recurrence", subject, "returnedToServiceAt", r.ReturnedAt);
            Row("recurrence", subject, "hoursAfterReturn", r.HoursAfterReturn);
            Row("recurrence", subject, "outOfServiceReason", r.Reason);
            Row("recurrence", subject, "after", r.Cause == TrendRecurrenceCause.Calibration ? "calibration" : "maintenance");
        }
        foreach (var t in f.TimeInLevels)
        {
            Row("time in level", $"{t.Sensor} {t.Parameter}", "alertMinutes", t.AlertMinutes);
            Row("time in level", $"{t.Sensor} {t.Parameter}", "actionMinutes", t.ActionMinutes);
        }
        foreach (var c in f.Completeness)
        {
            Row("completeness", c.Sensor, "location", c.Location);
            Row("completeness", c.Sensor, "expected", c.Expected);
            Row("completeness", c.Sensor, "received", c.Received);
            Row("completeness", c.Sensor, "ratio", c.Ratio);
        }
        foreach (var d in f.Distributions)
        {
            var subject = $"{d.Sensor} {d.Parameter}";
            Row("distribution", subject, "samples", d.Count);
            Row("distribution", subject, "p50", d.P50);
            Row("distribution", subject, "p95", d.P95);
            Row("distribution", subject, "p99", d.P99);
            Row("distribution", subject, "max", d.Max);
            Row("distribution", subject, "aboveAlert", d.AboveAlert);
            Row("distribution", subject, "aboveAction", d.AboveAction);
            Row("distribution", subject, "previousP95", report.Previous.Distributions.FirstOrDefault(p => p.Sensor == d.Sensor && p.Parameter == d.Parameter)?.P95);
            foreach (var l in d.Limits)
            {
                Row("limits", subject, $"{l.State} alert", $"{BatchReportCsv.Text(l.AlertLow)}..{BatchReportCsv.Text(l.AlertHigh)}");
                Row("limits", subject, $"{l.State} action", $"{BatchReportCsv.Text(l.ActionLow)}..{BatchReportCsv.Text(l.ActionHigh)}");
                Row("limits", subject, $"{l.State} version", l.Version);
            }
        }
        for (var i = 0; i < report.Adverse.Count; i++)
        {
            Row("adverse trend", report.Adverse[i].Subject, report.Adverse[i].Rule, report.Adverse[i].Text);
        }
        foreach (var r in report.Reviews)
        {
            Row("review", r.UserName, "printedName", r.PrintedName);
            Row("review", r.UserName, "role", r.Role);
            Row("review", r.UserName, "meaning", r.Meaning);
            Row("review", r.UserName, "at", r.At);
            Row("review", r.UserName, "comment", r.Comment);
            Row("review", r.UserName, "figuresSha256", r.FiguresSha256);
            Row("review", r.UserName, "figuresChangedSinceReview", r.FiguresChanged);
        }
        return csv.ToString();
    }
}
