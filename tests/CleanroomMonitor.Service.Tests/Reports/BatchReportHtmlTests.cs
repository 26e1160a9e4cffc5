using CleanroomMonitor.Core.Batches;
using CleanroomMonitor.Core.Excursions;
using CleanroomMonitor.Core.Facility;
using CleanroomMonitor.Core.Limits;
using CleanroomMonitor.Service.Reports;

namespace CleanroomMonitor.Service.Tests.Reports;

public sealed class BatchReportHtmlTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly Guid ExcursionId = Guid.Parse("3f2a9c1e-0000-4000-8000-000000000001");

    private static BatchReport Report(IReadOnlyList<ReportSignature>? approvals = null)
    {
        var batch = new Batch("B1", "CAR-T", "helix-bio", [new RoomId("cr1")], ProcessType.OpenManual, T0, T0.AddHours(2), "op", "op");
        var excursion = new ReportExcursion(ExcursionId, ExcursionKind.Particles, LimitLevel.Alert, ExcursionStatus.ReturnedUnacknowledged, "cr1", "pc1",
            "particles_0_5um", "value ≥ alert limit 2930000", 3_100_000, 2_930_000, "v1", T0.AddMinutes(30), T0.AddMinutes(32), 3_150_000, true, true,
            null, null, null, null, null, null, null, null, null, null);
        var statistics = new ParameterStatistics("cr1", "pc1", "particles_0_5um", "1/m3", 720, 1000, 3_150_000, 21_000, true, 12, 0,
            TimeSpan.FromMinutes(2), TimeSpan.Zero)
        {
            Buckets = [new ChartBucket(T0, T0.AddHours(1), 360, 1000, 3_150_000, 30_000), new ChartBucket(T0.AddHours(1), T0.AddHours(2), 360, 1000, 5000, 2000)],
        };
        var limits = new ReportLimits("cr1", "pc1", "particles_0_5um", "InOperation", T0, T0.AddHours(2), "alert[..2930000] action[..3520000]", "v1", "v1", "grade")
        {
            AlertHigh = 2_930_000, ActionHigh = 3_520_000,
        };
        var audit = new ReportAuditEntry(7, T0.AddMinutes(30), "system", "System", "excursion.raised", "excursion", ExcursionId.ToString(), null,
            """{"kind":"Particles","level":"Alert","parameter":"particles_0_5um","unit":"1/m3"}""", null);
        return new BatchReport(batch, T0, T0.AddHours(2), T0.AddHours(3), "qa", "Site", "Europe/Berlin", "fac-1", ["fac-1"],
            new ReleaseVerdict(false, [$"Alert Particles excursion {ExcursionId} in cr1/pc1 is ReturnedUnacknowledged, not closed"], ReleaseVerdict.RuleText),
            [excursion], [], [], [audit], [statistics],
            [new SensorCompleteness("cr1", "pc1", "Room, beside the cabinet", TimeSpan.FromSeconds(10), 720, 721, 1.0, false, null)], [limits])
        {
            RoomNames = new Dictionary<string, string>(StringComparer.Ordinal) { ["cr1"] = "Suite 1" },
            Approvals = approvals ?? [],
        };
    }

    [Fact]
    public void Document_OneExcursion_ReadableNamesAndNoRawKeyOrJson()
    {
        // The encoder writes non-ASCII as character references; the reader (and pdftotext) sees the characters.
        var html = System.Net.WebUtility.HtmlDecode(BatchReportHtml.Document(Report(), Berlin));

        Assert.DoesNotContain("particles_0_5um", html, StringComparison.Ordinal);
        Assert.DoesNotContain("1/m3", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"kind\"", html, StringComparison.Ordinal);
        Assert.Contains("≥0.5 µm particles", html, StringComparison.Ordinal);
        Assert.Contains("/m³", html, StringComparison.Ordinal);
        Assert.Contains("100.0 %", html, StringComparison.Ordinal);
        Assert.Contains("Raised the excursion (kind Particles, level Alert)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_OneExcursion_ChartWithLimitsWindowAndExcursionMarker()
    {
        var html = BatchReportHtml.Document(Report(), Berlin);

        Assert.Contains("<svg class=\"chart\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"window\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"action\"", html, StringComparison.Ordinal);
        Assert.Contains(">E1</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_Pdf_RunningHeaderAndPageNumbersAsPageMarginBoxes()
    {
        var html = BatchReportHtml.Document(Report(), Berlin);

        Assert.Contains("@top-left { content: \"Batch B1 · CAR-T · tenant helix-bio\"", html, StringComparison.Ordinal);
        Assert.Contains("Generated 2026-03-02 12:00:00 +01:00 · facility definition fac-1", html, StringComparison.Ordinal);
        Assert.Contains("content: \"Page \" counter(page) \" of \" counter(pages)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_NoApprovals_NotYetReviewedAndNotYetApprovedLines()
    {
        var html = BatchReportHtml.Body(Report(), Berlin);

        Assert.Contains("Review and approval", html, StringComparison.Ordinal);
        Assert.Contains("Not yet reviewed", html, StringComparison.Ordinal);
        Assert.Contains("Not yet approved", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_ReviewSigned_PrintedAndOnlyApprovalOutstanding()
    {
        var review = new ReportSignature("Quinn QA", "qa", "QA", "reviewed", T0.AddHours(4), T0.AddHours(5), "password");

        var html = System.Net.WebUtility.HtmlDecode(BatchReportHtml.Body(Report([review]), Berlin));

        Assert.Contains("Quinn QA", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not yet reviewed", html, StringComparison.Ordinal);
        Assert.Contains("Not yet approved", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_VerdictReason_PrintedAsSentence() =>
        Assert.Contains($"<li>Alert Particles excursion {ExcursionId} in cr1/pc1 is ReturnedUnacknowledged, not closed.</li>",
            BatchReportHtml.Body(Report(), Berlin), StringComparison.Ordinal);

    [Fact]
    public void Document_SensorOverdueThenRecalibratedAndOneStillFailed_CalibrationTableWithBothPeriods()
    {
        var report = Report() with
        {
            Calibration =
            [
                new ReportCalibration("pc1", "cr1", "overdue for calibration", T0, T0.AddMinutes(45)),
                new ReportCalibration("pc2", "cr1", "failed its last calibration", T0.AddHours(1), null),
            ],
        };

        var html = System.Net.WebUtility.HtmlDecode(BatchReportHtml.Document(report, Berlin));

        var table = html[html.IndexOf("Instruments overdue for calibration or failed during the batch (data flagged; EU GMP Part I 3.41)", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("overdue for calibration", table, StringComparison.Ordinal);
        Assert.Contains("failed its last calibration", table, StringComparison.Ordinal);
        Assert.Contains("Suite 1", table, StringComparison.Ordinal);
        Assert.Contains("09:45", table, StringComparison.Ordinal);   // the passing calibration that ended it, in the site's zone
        Assert.Contains("still, at the report", table, StringComparison.Ordinal);
        Assert.Equal(2, table.Split("<tr>").Length - 2);   // header row + two periods
    }

    [Fact]
    public void Document_NoFlaggedPeriod_NoCalibrationTable()
    {
        var html = BatchReportHtml.Document(Report(), Berlin);

        Assert.DoesNotContain("overdue for calibration", html, StringComparison.Ordinal);
    }
}
