using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Core.Security;
using CleanroomMonitor.Service.Qualification;

namespace CleanroomMonitor.Service.Tests.Qualification;

public sealed class QualificationManifestTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private const string Report = "<!DOCTYPE html><html><HEAD lang=\"en\"><title>OQ</title></HEAD><body><p>rows</p></BODY></html>";

    private static QualificationRunView View(string sha256)
    {
        var run = new QualificationRun("oq-1", "CRM-OQ", "1.3", "Site A", "fac-7", null, null, T0, T0.AddMinutes(40), false, false, 2, 1, ["A"], null,
            [new QualificationDeviation("DEV-01", QualificationDeviation.UnexpectedEvent, null, null, "<script>alert(1)</script>")], sha256, T0.AddHours(1), "token:kit");
        var signature = new Signature(Guid.NewGuid(), "op", "Olga <Operator>", "Operator", QualificationRules.Executed, T0.AddHours(2), "user id and password entered");
        var disposition = new DeviationDisposition("oq-1", "DEV-01", "kit silence", null,
            signature with { UserName = "qa", PrintedName = "Quinn QA", Role = "QA", Meaning = QualificationRules.Dispositioned });
        return QualificationRunView.Of(run, [new QualificationSignature("oq-1", signature, null)], [disposition]);
    }

    [Fact]
    public void Document_Report_NoScriptPolicyFirstInHeadAndManifestBeforeTheBodyEnds()
    {
        var html = QualificationManifest.Document(View(QualificationUploadValidation.Sha256Of(Report)), Report, T0.AddHours(3), "qa");

        var policy = html.IndexOf("http-equiv=\"Content-Security-Policy\"", StringComparison.Ordinal);
        Assert.InRange(policy, html.IndexOf("<HEAD lang=\"en\">", StringComparison.Ordinal), html.IndexOf("<title>", StringComparison.Ordinal));
        var manifest = html.IndexOf("Signature manifest of OQ run oq-1", StringComparison.Ordinal);
        Assert.True(manifest > html.IndexOf("<p>rows</p>", StringComparison.Ordinal) && manifest < html.IndexOf("</BODY>", StringComparison.Ordinal));
        Assert.Contains("page-break-before: always", html, StringComparison.Ordinal);
        Assert.Contains("(matches the report printed above)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_SignaturesAndDispositions_PrintedNameUserRoleMeaningUtcAndEncoded()
    {
        var page = QualificationManifest.Page(View("0".PadLeft(64, '0')), "f".PadLeft(64, 'f'), T0.AddHours(3), "qa");

        Assert.Contains("<td>executed</td><td>Olga &lt;Operator&gt;</td><td>op</td><td>Operator</td><td>2026-12-07 11:00:00Z</td>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.Contains("Quinn QA (qa, QA), 2026-12-07 11:00:00Z", page, StringComparison.Ordinal);
        Assert.Contains("DOES NOT MATCH", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Document_ReportWithoutHeadOrBody_PolicyInFrontAndManifestAtTheEnd()
    {
        var html = QualificationManifest.Document(View("0".PadLeft(64, '0')), "<p>bare</p>", T0, "qa");

        Assert.StartsWith("<meta http-equiv=\"Content-Security-Policy\"", html, StringComparison.Ordinal);
        Assert.EndsWith("</section>", html, StringComparison.Ordinal);
    }
}
