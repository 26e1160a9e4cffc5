using System.Globalization;
using System.Text;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The report as CSV (RFC 4180: CRLF, every record four fields, quoted when a field holds a comma, quote or line
/// break, quotes doubled): one row per fact, <c>section,subject,field,value</c>, in the report's order, so it filters in a
/// spreadsheet and parses back without knowing the sections. Cells are formula-injection safe (OWASP "CSV injection"):
/// a text starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR gets a leading <c>'</c>; plain numbers such as
/// <c>-12.5</c> stay numbers.</summary>
public static class BatchReportCsv
{
    public const string Header = "section,subject,field,value";

    public static string Write(BatchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder(16 * 1024).Append(Header).Append("\r\n");
        void Row(string section, string subject, string field, object? value) =>
            csv.Append(Cell(section)).Append(',').Append(Cell(subject)).Append(',').Append(Cell(field)).Append(',').Append(Cell(Text(value))).Append("\r\n");

        var b = report.Batch;
        Row("report", b.Number, "product", b.Product);
        Row("report", b.Number, "tenant", b.Tenant);
        Row("report", b.Number, "rooms", string.Join(" ", b.Rooms));
        Row("report", b.Number, "process", b.Process);
        Row("report", b.Number, "from", report.From);
        Row("report", b.Number, "to", report.To);
        Row("report", b.Number, "active", b.IsActive);
        Row("report", b.Number, "generatedAt", report.GeneratedAt);
        Row("report", b.Number, "generatedBy", report.GeneratedBy);
        Row("report", b.Number, "site", report.SiteName);
        Row("report", b.Number, "siteTimeZone", report.SiteTimeZone);
        Row("report", b.Number, "facilityVersion", report.FacilityVersion);
        Row("report", b.Number, "facilityVersionsSeen", string.Join(" ", report.FacilityVersionsSeen));
        Row("verdict", b.Number, "clearForRelease", report.Verdict.ClearForRelease);
        for (var i = 0; i < report.Verdict.Reasons.Count; i++)
        {
            Row("verdict", b.Number, $"reason {i + 1}", report.Verdict.Reasons[i]);
        }
        Row("verdict", b.Number, "rule", report.Verdict.Rule);
        foreach (var (section, list) in new[] { ("excursion", report.Excursions), ("data gap", report.DataGaps) })
        {
            foreach (var e in list)
            {
                var id = e.Id.ToString();
                Row(section, id, "kind", e.Kind);
                Row(section, id, "level", e.Level);
                Row(section, id, "status", e.Status);
                Row(section, id, "needsDecision", e.NeedsDecision);
                Row(section, id, "linkedToBatch", e.IsLinked);
                Row(section, id, "room", e.Room);
                Row(section, id, "sensor", e.Sensor);
                Row(section, id, "parameter", e.Parameter);
                Row(section, id, "rule", e.Rule);
                Row(section, id, "triggerValue", e.TriggerValue);
                Row(section, id, "limit", e.Limit);
                Row(section, id, "limitsVersion", e.LimitsVersion);
                Row(section, id, "startedAt", e.StartedAt);
                Row(section, id, "endedAt", e.EndedAt);
                Row(section, id, "peakValue", e.PeakValue);
                Signature(section, id, "acknowledgement", e.Acknowledgement);
                Row(section, id, "cause", e.Cause);
                Row(section, id, "acknowledgementComment", e.AcknowledgementComment);
                Row(section, id, "immediateAction", e.ImmediateAction);
                foreach (var line in e.Notifications)
                {
                    Row(section, id, "notified", line);
                }
                Signature(section, id, "closure", e.Closure);
                Row(section, id, "deviation", e.Deviation);
                Row(section, id, "capa", e.Capa);
                Row(section, id, "closureComment", e.ClosureComment);
                Row(section, id, "impactDecision", e.ImpactDecision);
                Row(section, id, "impactReason", e.ImpactReason);
                Row(section, id, "foundLate", e.FoundLate);
                Row(section, id, "fromHistoricalData", e.FromHistoricalData);
            }
        }
        foreach (var r in report.BreachRuns)
        {
            var id = $"{r.Sensor}/{r.Parameter}/{r.Level}/{Text(r.First)}";
            Row("breach run", id, "room", r.Room);
            Row("breach run", id, "level", r.Level);
            Row("breach run", id, "first", r.First);
            Row("breach run", id, "last", r.Last);
            Row("breach run", id, "samples", r.Count);
            Row("breach run", id, "unexplained", r.IsUnexplained);
            Row("breach run", id, "explainedByExcursion", r.ExplainedBy);
            Row("breach run", id, "review", r.Review?.Id);
            Signature("breach run", id, "review", r.Review?.Signature);
            Row("breach run", id, "reviewReason", r.Review?.Reason);
        }
        foreach (var series in report.CappedSeries)
        {
            Row("breach run", series, "capped", true);
        }
        foreach (var (section, list) in new[] { ("data change", report.DataChanges), ("audit", report.AuditTrail) })
        {
            foreach (var a in list)
            {
                var id = a.Sequence.ToString(CultureInfo.InvariantCulture);
                Row(section, id, "at", a.At);
                Row(section, id, "user", a.User);
                Row(section, id, "role", a.Role);
                Row(section, id, "action", a.Action);
                Row(section, id, "entity", $"{a.EntityType} {a.EntityId}");
                Row(section, id, "oldValue", a.OldValue);
                Row(section, id, "newValue", a.NewValue);
                Row(section, id, "reason", a.Reason);
            }
        }
        foreach (var s in report.Statistics)
        {
            var id = $"{s.Sensor}/{s.Parameter}";
            Row("statistics", id, "room", s.Room);
            Row("statistics", id, "unit", s.Unit);
            Row("statistics", id, "samples", s.Samples);
            Row("statistics", id, "min", s.Min);
            Row("statistics", id, "max", s.Max);
            Row("statistics", id, "mean", s.Mean);
            Row("statistics", id, "judged", s.IsJudged);
            Row("statistics", id, "alertSamples", s.AlertSamples);
            Row("statistics", id, "actionSamples", s.ActionSamples);
            Row("statistics", id, "timeInAlertSeconds", s.TimeInAlert.TotalSeconds);
            Row("statistics", id, "timeInActionSeconds", s.TimeInAction.TotalSeconds);
        }
        foreach (var c in report.Completeness)
        {
            Row("completeness", c.Sensor, "room", c.Room);
            Row("completeness", c.Sensor, "location", c.Location);
            Row("completeness", c.Sensor, "intervalSeconds", c.Interval.TotalSeconds);
            Row("completeness", c.Sensor, "expected", c.Expected);
            Row("completeness", c.Sensor, "received", c.Received);
            Row("completeness", c.Sensor, "ratio", Math.Round(c.Ratio, 6));
            Row("completeness", c.Sensor, "unexplainedGap", c.IsUnexplainedGap);
            Row("completeness", c.Sensor, "explanation", c.Explanation);
        }
        foreach (var l in report.Limits)
        {
            var id = $"{l.Sensor}/{l.Parameter}/{l.State}";
            Row("limits", id, "from", l.From);
            Row("limits", id, "to", l.To);
            Row("limits", id, "limits", l.Description);
            Row("limits", id, "version", l.Version);
            Row("limits", id, "recordedVersion", l.RecordedVersion);
            Row("limits", id, "source", l.Source);
        }
        return csv.ToString();

        void Signature(string section, string id, string what, ReportSignature? s)
        {
            Row(section, id, what + "By", s is null ? null : $"{s.PrintedName} ({s.UserName}, {s.Role})");
            Row(section, id, what + "Meaning", s?.Meaning);
            Row(section, id, what + "At", s?.At);
            Row(section, id, what + "AtSite", s?.AtSite);
        }
    }

    internal static string Text(object? value) => value switch
    {
        null => "",
        DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>One field: formula-safe, then quoted when RFC 4180 needs it.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !(value[0] is '-' or '+' && double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out _)))
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
