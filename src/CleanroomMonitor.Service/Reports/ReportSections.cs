using System.Globalization;
using System.Text.RegularExpressions;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;

namespace CleanroomMonitor.Service.Reports;

/// <summary>The sections of the report after its verdict, each as the reader needs it: who decided what about each
/// excursion, what was not monitored, the figures and charts per room, completeness, the audit entries as sentences,
/// and the review and approval block.</summary>
internal static partial class ReportSections
{
    public static void Summary(ReportWriter w, BatchReport report)
    {
        w.Table("Summary per room", ["Room", "Sensors", "Excursions", "Data gaps", "Out of service", "Unexplained breach runs", "Lowest completeness"],
            report.Batch.Rooms.Select(r => r.Value).Select(room =>
            {
                var excursions = report.Excursions.Where(e => e.Room == room).ToList();
                var completeness = report.Completeness.Where(c => c.Room == room).ToList();
                var lowest = completeness.MinBy(c => c.Ratio);
                var unexplained = report.BreachRuns.Count(b => b.Room == room && b.IsUnexplained);
                return new[]
                {
                    ReportWriter.E(w.Room(room)), Num(completeness.Count),
                    Num(excursions.Count) + (excursions.Count(e => e.NeedsDecision) is > 0 and var open ? $" <span class=\"open\">({open} not closed)</span>"
                        : excursions.Count > 0 ? " (all closed)" : ""),
                    Num(report.DataGaps.Count(g => g.Room == room)), Num(report.OutOfService.Count(o => o.Room == room)),
                    unexplained > 0 ? $"<td class=\"num open\">{unexplained}</td>" : Num(0),
                    lowest is null ? "—" : $"<td class=\"num{(lowest.IsUnexplainedGap ? " open" : "")}\">{ReportWriter.E(lowest.Ratio.ToString("P1", CultureInfo.InvariantCulture))} ({ReportWriter.E(lowest.Sensor)})</td>",
                };
            }), "The batch names no room.");
    }

    public static void Excursions(ReportWriter w, BatchReport report)
    {
        w.Heading("h2", "Excursions, data gaps and unmonitored periods");
        string[] headers = ["#", "Status", "What", "Where", "When", "Acknowledged", "Closed by QA", "Decision for this batch"];
        var numbered = Numbered(report);
        IEnumerable<string[]> Rows(IEnumerable<ReportExcursion> list) => list.Select(e => new[]
        {
            $"E{numbered.First(n => n.Excursion == e).Number}",
            e.NeedsDecision ? $"<span class=\"open\">{ReportWriter.E(Words(e.Status))}</span>" : ReportWriter.E(Words(e.Status)),
            $"<strong>{ReportWriter.E(e.Level)}</strong> · {ReportWriter.E(Words(e.Kind))}{(e.Parameter is null ? "" : " · " + ReportWriter.E(ReportWriter.Parameter(e.Parameter)))}<br>" +
                $"{ReportWriter.E(ReportWriterText(e))}<br><span class=\"muted\">{ReportWriter.E(ReportWriter.Sentence(e.Rule))}</span>",
            $"{ReportWriter.E(w.Room(e.Room))}{(e.Sensor is null ? "" : "<br>sensor " + ReportWriter.E(e.Sensor))}{(e.IsLinked ? "" : "<br><span class=\"muted\">in the room, not linked</span>")}" +
                (e.FoundLate ? "<br><span class=\"open\" data-testid=\"found-late\">found late (after the batch ended)</span>" : "") +
                (e.FromHistoricalData ? "<br><span class=\"muted\">from historical (replayed) data</span>" : ""),
            $"{w.When(e.StartedAt)}<br>to {(e.EndedAt is null ? "<span class=\"open\">ongoing</span>" : w.When(e.EndedAt))}" +
                (e.EndedAt is { } end ? $"<br><span class=\"muted\">{ReportWriter.Duration(end - e.StartedAt)}</span>" : ""),
            (e.Acknowledgement is null ? w.Sig(null) : $"{w.Sig(e.Acknowledgement)}<br>root cause: {ReportWriter.E(e.Cause)}" +
                (e.ImmediateAction is null ? "" : "<br>action: " + ReportWriter.E(e.ImmediateAction)) + (string.IsNullOrWhiteSpace(e.AcknowledgementComment) ? "" : "<br>" + ReportWriter.E(e.AcknowledgementComment))) +
                (e.Notifications.Count == 0 ? "" : "<br><span class=\"muted\" data-testid=\"notified\">notified: " + string.Join("; ", e.Notifications.Select(ReportWriter.E)) + "</span>"),
            e.Closure is null ? w.Sig(null) : $"{w.Sig(e.Closure)}<br>deviation {ReportWriter.E(e.Deviation)}{(e.Capa is null ? "" : ", CAPA " + ReportWriter.E(e.Capa))}" +
                (string.IsNullOrWhiteSpace(e.ClosureComment) ? "" : "<br>" + ReportWriter.E(e.ClosureComment)),
            e.ImpactDecision is null ? (e.IsLinked ? "<span class=\"open\">none recorded</span>" : "—") : $"<strong>{ReportWriter.E(e.ImpactDecision)}</strong><br>{ReportWriter.E(e.ImpactReason)}",
        });
        w.Table("Excursions", headers, Rows(report.Excursions), "No excursion touches this batch.");
        w.Table("Data gaps (no data, communication loss, sensor fault)", headers, Rows(report.DataGaps), "No data gap was recorded.");
        w.Table("Sensors out of service during the batch (not monitored)", ["Sensor", "From", "To", "Reason", "Taken out by", "Returned by"],
            report.OutOfService.Select(o => new[]
            {
                $"{ReportWriter.E(o.Sensor)}{(o.Parameter is null ? "" : " · " + ReportWriter.E(ReportWriter.Parameter(o.Parameter)))}<br><span class=\"muted\">{ReportWriter.E(w.Room(o.Room))}</span>", w.When(o.From),
                o.To is null ? $"<span class=\"open\">still out of service</span> (expected {w.When(o.ExpectedEnd)})" : w.When(o.To),
                ReportWriter.E(o.Reason), ReportWriter.E(o.By), o.ReturnedBy is null ? "—" : $"{ReportWriter.E(o.ReturnedBy)}<br>{ReportWriter.E(o.ReturnReason)}",
            }), "Every sensor was in service throughout the batch.");
        if (report.Calibration.Count > 0)
        {
            // Only when there is something: a batch measured by calibrated instruments needs no extra table (review by exception).
            w.Table("Instruments overdue for calibration or failed during the batch (data flagged; EU GMP Part I 3.41)", ["Sensor", "Measured by an instrument", "From", "To"],
                report.Calibration.Select(c => new[]
                {
                    $"{ReportWriter.E(c.Sensor)}<br><span class=\"muted\">{ReportWriter.E(w.Room(c.Room))}</span>", ReportWriter.E(c.Reason), w.When(c.From),
                    c.To is { } end ? w.When(end) : "<span class=\"open\">still, at the report</span>",
                }), "");
        }
        var runs = report.BreachRuns.Select(r => new[]
        {
            $"{ReportWriter.E(w.Room(r.Room))}<br>{ReportWriter.E(r.Sensor)} · {ReportWriter.E(ReportWriter.Parameter(r.Parameter))}", ReportWriter.E(r.Level), w.When(r.First), w.When(r.Last), $"<td class=\"num\">{ReportWriter.E(r.Count)}</td>",
            r.ExplainedBy is { } id ? $"excursion {ExcursionLabel(numbered, id)}"
            : r.Review is { } review ? $"breach review {ReportWriter.E(review.Id)}: {w.Sig(review.Signature)}<br>{ReportWriter.E(review.Reason)}"
            : "<span class=\"open\">nothing: needs QA's breach review</span>",
        }).Concat(report.CappedSeries.Select(c => new[] { ReportWriter.E(ParameterNamesReadable(c)), "<span class=\"open\">capped</span>", "—", "—", "—", "<span class=\"open\">more samples than the report reads</span>" }));
        w.Table("Alert and action samples in the stored data (runs of consecutive samples)", ["Where", "Level", "From", "To", "Samples", "Accounted for by"], runs,
            "No stored sample is at or beyond an alert or action limit.");
        w.Table("Data changed after first entry (Annex 11 §8.2)", AuditHeaders, AuditRows(w, report, report.DataChanges), "No recorded value was changed after it was first entered.", "audit");
    }

    public static void Rooms(ReportWriter w, BatchReport report)
    {
        w.Heading("h2", "Rooms and parameters");
        w.Html.Append("<p class=\"legend\"><span><i class=\"l-window\"></i>batch window</span><span><i class=\"l-band\"></i>min–max per hour or step</span>" +
                      "<span><i class=\"l-mean\"></i>mean</span><span><i class=\"l-alert\"></i>alert limit</span><span><i class=\"l-action\"></i>action limit</span>" +
                      "<span><i class=\"l-exc\"></i>excursion (E1 … as in the table above)</span></p>");
        var numbered = Numbered(report);
        foreach (var room in report.Batch.Rooms.Select(r => r.Value))
        {
            var statistics = report.Statistics.Where(s => s.Room == room).ToList();
            w.Heading("h3", w.Room(room));
            w.Table(null, ["Sensor", "Parameter", "Unit", "Samples", "Min", "Mean", "Max", "Limits in force", "Time at alert level", "Time at action level"],
                statistics.Select(s => new[]
                {
                    $"{ReportWriter.E(s.Sensor)}<br><span class=\"muted\">{ReportWriter.E(Location(report, s.Sensor))}</span>", ReportWriter.E(ReportWriter.Parameter(s.Parameter)), ReportWriter.E(ReportWriter.Unit(s.Parameter)),
                    $"<td class=\"num\">{ReportWriter.Num(s.Samples)}</td>", $"<td class=\"num\">{ReportWriter.Num(s.Min)}</td>",
                    $"<td class=\"num\">{ReportWriter.Num(s.Mean)}</td>", $"<td class=\"num\">{ReportWriter.Num(s.Max)}</td>",
                    ReportWriter.E(LimitText(report, s)),
                    s.IsJudged ? $"<td class=\"num\">{ReportWriter.Duration(s.TimeInAlert)} ({ReportWriter.Num(s.AlertSamples)})</td>" : "<td class=\"muted\">no limits set</td>",
                    s.IsJudged ? $"<td class=\"num\">{ReportWriter.Duration(s.TimeInAction)} ({ReportWriter.Num(s.ActionSamples)})</td>" : "<td class=\"muted\">no limits set</td>",
                }), "No sensor in this room.");
            w.Html.Append("<div class=\"charts\">");
            foreach (var s in statistics)
            {
                var label = $"{ReportWriter.Parameter(s.Parameter)} ({ReportWriter.Unit(s.Parameter)}), sensor {s.Sensor}";
                var limits = report.Limits.Where(l => l.Sensor == s.Sensor && l.Parameter == s.Parameter).ToList();
                var marked = numbered.Where(n => n.Excursion.Room == room && (n.Excursion.Sensor is null || (n.Excursion.Sensor == s.Sensor &&
                    (n.Excursion.Parameter is null || n.Excursion.Parameter == s.Parameter)))).ToList();
                w.Html.Append("<figure>").Append(ReportChart.Svg(s, limits, marked, report.From, report.To, w.SiteZone, label))
                 .Append("<figcaption><strong>").Append(ReportWriter.E(label)).Append("</strong> <span class=\"stats\">")
                 .Append(ReportWriter.E($"min {ReportWriter.Num(s.Min)}, mean {ReportWriter.Num(s.Mean)}, max {ReportWriter.Num(s.Max)}; {ReportWriter.Num(s.Samples)} samples"))
                 .Append("</span></figcaption></figure>");
            }
            w.Html.Append("</div>");
        }
        w.Table("Limits in force, by room state", ["Room", "Sensor", "Parameter", "Room state", "From", "To", "Limits", "Version", "Source"],
            report.Limits.Select(l => new[]
            {
                ReportWriter.E(w.Room(l.Room)), ReportWriter.E(l.Sensor), ReportWriter.E(ReportWriter.Parameter(l.Parameter)), ReportWriter.E(AuditWording.StateWords(l.State)), w.When(l.From), w.When(l.To),
                ReportWriter.E(Bounds(l, ReportWriter.Unit(l.Parameter))),
                l.RecordedVersion is null || l.RecordedVersion == l.Version ? ReportWriter.E(l.Version)
                    : $"{ReportWriter.E(l.Version)} <span class=\"open\">(recorded in the period: {ReportWriter.E(l.RecordedVersion)})</span>",
                ReportWriter.E(l.Source),
            }), "No limits apply.");
    }

    public static void Completeness(ReportWriter w, BatchReport report) =>
        w.Table("Data completeness per sensor (samples received of those its interval calls for)", ["Room", "Sensor", "Location", "Interval", "Expected", "Received", "Completeness", "Shortfall"],
            report.Completeness.Select(c => new[]
            {
                ReportWriter.E(w.Room(c.Room)), ReportWriter.E(c.Sensor), ReportWriter.E(c.Location), ReportWriter.Duration(c.Interval), $"<td class=\"num\">{ReportWriter.Num(c.Expected)}</td>",
                $"<td class=\"num\">{ReportWriter.Num(c.Received)}</td>", $"<td class=\"num\">{ReportWriter.E(c.Ratio.ToString("P1", CultureInfo.InvariantCulture))}</td>",
                (c.IsUnexplainedGap ? "<span class=\"open\">unexplained</span>" : c.Explanation is null ? "—" : ReportWriter.E(c.Explanation)) +
                    (c.Surplus > 0 ? $"<br><span class=\"open\">{ReportWriter.Num(c.Surplus)} samples more than its interval allows</span>" : ""),
            }), "No sensor in the batch's rooms.");

    public static void Audit(ReportWriter w, BatchReport report)
    {
        w.Heading("h2", "Audit trail for the batch, its rooms and its excursions");
        w.Html.Append("<p class=\"muted\">One line per entry. The recorded old and new values of each entry are in the CSV export (sections “audit” and “data change”).</p>");
        w.Table(null, AuditHeaders, AuditRows(w, report, report.AuditTrail), "No audit entry.", "audit");
    }

    /// <summary>The place of the review and approval signatures (docs/reports.md): filled from <see cref="BatchReport.Approvals"/>,
    /// otherwise lines with blank fields that say the report is not yet reviewed or approved.</summary>
    public static void Approvals(ReportWriter w, BatchReport report)
    {
        w.Html.Append("<section class=\"approvals\" data-testid=\"approvals\">");
        w.Heading("h2", "Review and approval");
        if (report.IssueVersion is { } version)
        {
            // The issued file is frozen at approval; the reader finds its SHA-256 with the version in the application.
            w.Html.Append("<p><strong>Issued, version ").Append(version.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append("</strong>: this file was frozen at approval and its SHA-256 recorded with it.</p>");
        }
        var rows = report.Approvals.Select(a => new[] { ReportWriter.E(AuditWording.Capitalised(a.Meaning)), ReportWriter.E(a.PrintedName), $"{ReportWriter.E(a.UserName)}, {ReportWriter.E(a.Role)}", w.When(a.At), ReportWriter.E(a.Method) }).ToList();
        foreach (var (meaning, missing) in new[] { ("review", "Not yet reviewed"), ("approv", "Not yet approved") })
        {
            if (!report.Approvals.Any(a => a.Meaning.Contains(meaning, StringComparison.OrdinalIgnoreCase)))
            {
                rows.Add([$"<span class=\"open\">{missing}</span>", "", "", "", ""]);
            }
        }
        w.Table(null, ["Signature", "Printed name", "User, role", "Date and time", "Method"], rows, "", "approvals");
        w.Html.Append("</section>");
    }

    private static readonly string[] AuditHeaders = ["When", "Who", "What", "About"];

    private static IEnumerable<string[]> AuditRows(ReportWriter w, BatchReport report, IEnumerable<ReportAuditEntry> list) => list.Select(a => new[]
    {
        w.When(a.At), $"{ReportWriter.E(a.User)} <span class=\"muted\">({ReportWriter.E(a.Role)})</span>", ReportWriter.E(AuditWording.What(a)), ReportWriter.E(AuditWording.Subject(a, report.RoomNames)),
    });

    private static List<(int Number, ReportExcursion Excursion)> Numbered(BatchReport report) =>
        report.Excursions.Concat(report.DataGaps).Select((e, i) => (i + 1, e)).ToList();

    private static string ExcursionLabel(List<(int Number, ReportExcursion Excursion)> numbered, Guid id) =>
        numbered.FirstOrDefault(n => n.Excursion.Id == id) is { Excursion: not null } n ? $"E{n.Number}" : AuditWording.ShortId(id.ToString());

    private static string ReportWriterText(ReportExcursion e)
    {
        var unit = ReportWriter.Unit(e.Parameter);
        string With(double? v) => v is null ? "—" : $"{ReportWriter.Num(v)}{(unit.Length == 0 ? "" : " " + unit)}";
        return $"value {With(e.TriggerValue)}, peak {With(e.PeakValue)}, limit {With(e.Limit)}";
    }

    private static string LimitText(BatchReport report, ParameterStatistics s) =>
        string.Join("; ", report.Limits.Where(l => l.Sensor == s.Sensor && l.Parameter == s.Parameter)
            .Select(l => (State: AuditWording.StateWords(l.State), Bounds: Bounds(l, ""))).Distinct().Select(l => $"{l.State}: {l.Bounds}")) is { Length: > 0 } text ? text : "none";

    internal static string Bounds(ReportLimits l, string unit)
    {
        // The words of the live board and the room page ("Alert limit 2 000 /m³ · Action limit 3 520 /m³", "Minimum …"):
        // one way to read a limit wherever it is printed.
        if (ParameterCatalog.TryParse(l.Parameter, out var info))
        {
            return Live.LimitText.Describe(info.Parameter, new Band(l.AlertLow, l.AlertHigh), new Band(l.ActionLow, l.ActionHigh));
        }
        var u = unit.Length == 0 ? "" : " " + unit;
        var parts = new List<string>();
        foreach (var (name, low, high) in new[] { ("alert", l.AlertLow, l.AlertHigh), ("action", l.ActionLow, l.ActionHigh) })
        {
            if (high is not null) parts.Add($"{name} ≥ {ReportWriter.Num(high)}{u}");
            if (low is not null) parts.Add($"{name} ≤ {ReportWriter.Num(low)}{u}");
        }
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static string Location(BatchReport report, string sensor) => report.Completeness.FirstOrDefault(c => c.Sensor == sensor)?.Location ?? "";

    private static string ParameterNamesReadable(string text) => Core.Facility.ParameterNames.Readable(text);

    private static string Num(long value) => ReportWriter.Num(value);

    /// <summary>An enum name in words: "ReturnedUnacknowledged" → "returned unacknowledged".</summary>
    internal static string Words<T>(T value) where T : struct, Enum => CamelCase().Replace(value.ToString(), " $1").Trim().ToLowerInvariant();

    [GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial Regex CamelCase();
}
