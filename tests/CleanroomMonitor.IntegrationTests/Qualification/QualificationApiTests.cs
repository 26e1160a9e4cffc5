using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.IntegrationTests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Qualification;

/// <summary>The OQ run as a controlled record in the application (issue 24 item 4), end to end through the real service:
/// the kit's upload (an API token), the stored report served verbatim, the three signatures and the deviations'
/// dispositions through the product's signature rules, the audit trail, and the PDF with its signature manifest.</summary>
public sealed class QualificationApiTests(QualificationRig fixture) : IClassFixture<QualificationRig>
{
    private const string Runs = "/api/qualification/runs";

    private MonitorRig Rig => fixture.Rig;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    /// <summary>A report with what a careless store or server would change: non-ASCII text, CRLF, a script.</summary>
    private static string Html(string runId) =>
        $"<!DOCTYPE html>\r\n<html><head><title>OQ {runId}</title><style>td{{color:#333}}</style></head><body><h1>OQ run {runId} – 0.5 µm</h1>" +
        "<script>document.body.dataset.ran = 'yes'</script>\n</body></html>\n";

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Dictionary<string, object?> Upload(string runId, bool passed = true, string? retestOf = null, string[]? scenarios = null,
        params object[] deviations)
    {
        var html = Html(runId);
        return new Dictionary<string, object?>
        {
            ["runId"] = runId, ["protocol"] = "CRM-OQ", ["protocolVersion"] = "1.3", ["site"] = "Site A", ["facilityVersion"] = "fac-7",
            ["installationVersion"] = "1.0.0+abc", ["modified"] = false,
            ["startedAt"] = "2026-12-07T09:00:00Z", ["finishedAt"] = "2026-12-07T10:40:00+01:00", ["passed"] = passed, ["stopped"] = false,
            ["rows"] = 12, ["rowsPassed"] = passed ? 12 : 11, ["scenarios"] = scenarios ?? new[] { "ALARM-DELAY", "DATA-GAP" }, ["retestOf"] = retestOf,
            ["deviations"] = deviations, ["reportHtml"] = html, ["reportCsv"] = "requirement,result\r\nURS-1,pass\r\n", ["reportSha256"] = Sha256(html),
        };
    }

    private static object FailedRow(string number = "DEV-01") =>
        new { number, kind = "failed row", requirement = "URS-ALARM-1", scenario = "ALARM-DELAY", detail = "alarm after 75 s, expected within 60 s" };

    private static object UnexpectedEvent(string number = "DEV-02") =>
        new { number, kind = "unexpected event", requirement = (string?)null, scenario = (string?)null, detail = "data gap on cd-th" };

    private async Task<HttpResponseMessage> UploadAsync(object body) => await Rig.Http.PostAsJsonAsync(Url(Runs), body);

    /// <summary>Uploads and expects 201, showing the problem otherwise.</summary>
    private async Task UploadedAsync(object body)
    {
        var response = await UploadAsync(body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static object Sign(string meaning, string userName, string password = MonitorRig.Password) =>
        new { meaning, userName, password, comment = $"signed by {userName}" };

    private static object Disposition(string text, string? retestRun, string userName = "qa2") =>
        new { disposition = text, retestRun, userName, password = MonitorRig.Password };

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync(string runId) =>
        await Rig.App.Services.GetRequiredService<IRecordStore>().AuditTrailAsync(runId, null, null, default);

    [Fact]
    public async Task Upload_ByToken_201StoredVerbatimAndAuditedUnderTheToken()
    {
        var response = await UploadAsync(Upload("it-up-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("it-up-1", created.GetProperty("id").GetString());
        Assert.Equal("/Qualification/Run/it-up-1", created.GetProperty("url").GetString());

        var report = await Rig.Http.GetAsync(Url($"{Runs}/it-up-1/report"));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html", report.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetBytes(Html("it-up-1")), await report.Content.ReadAsByteArrayAsync());
        var policy = string.Join(";", report.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("sandbox", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);

        var view = await Rig.Http.GetFromJsonAsync<JsonElement>(Url($"{Runs}/it-up-1"));
        Assert.Equal("Uploaded", view.GetProperty("stage").GetString());
        Assert.Equal(Sha256(Html("it-up-1")), view.GetProperty("run").GetProperty("reportSha256").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-12-07T09:40:00Z", System.Globalization.CultureInfo.InvariantCulture),
            view.GetProperty("run").GetProperty("finishedAt").GetDateTimeOffset());
        var list = await Rig.Http.GetFromJsonAsync<JsonElement>(Url(Runs));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("run").GetProperty("runId").GetString() == "it-up-1");
        var audit = Assert.Single(await AuditAsync("it-up-1"));
        Assert.Equal((AuditAction.QualificationUploaded, "token:integration tests", AuditEntity.QualificationRun),
            (audit.Entry.Action, audit.Entry.User, audit.Entry.EntityType));
        Assert.Equal(HttpStatusCode.NotFound, (await Rig.Http.GetAsync(Url($"{Runs}/no-such-run/report"))).StatusCode);
        var openApi = await Rig.Http.GetStringAsync(Url("/openapi.json"));
        Assert.Contains("/api/qualification/runs/{runId}/deviations/{number}/disposition", openApi, StringComparison.Ordinal);
        Assert.Contains("role Operator, QA or Admin", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_BadRequests_400Or409WithTheReasonAndNothingStored()
    {
        var badHash = Upload("it-bad-1");
        badHash["reportSha256"] = Sha256("something else");
        var missing = Upload("it-bad-2");
        missing["protocol"] = null;
        var repeated = Upload("it-bad-3", false, null, null, FailedRow("DEV-01"), UnexpectedEvent("DEV-01"));
        var unknownRetest = Upload("it-bad-4", true, "it-never-uploaded");
        var badKind = Upload("it-bad-5", false, null, null, new { number = "DEV-01", kind = "oops", detail = "x" });
        var oversized = Upload("it-bad-6");
        oversized["site"] = new string('s', 201);

        foreach (var (body, expected) in new (object, string)[]
                 {
                     (badHash, "does not match"), (missing, "protocol is required"), (repeated, "repeats number DEV-01"),
                     (unknownRetest, "not stored"), (badKind, "kind 'oops'"), (oversized, "site is required"),
                 })
        {
            var response = await UploadAsync(body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, await DetailOf(response), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Rig.Http.GetAsync(Url($"{Runs}/it-bad-1"))).StatusCode);

        await UploadedAsync(Upload("it-dup"));
        var changed = Upload("it-dup");
        changed["protocolVersion"] = "9.9";
        var duplicate = await UploadAsync(changed);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("stored already", await DetailOf(duplicate), StringComparison.Ordinal);
        Assert.Equal("1.3", (await Rig.Http.GetFromJsonAsync<JsonElement>(Url($"{Runs}/it-dup"))).GetProperty("run").GetProperty("protocolVersion").GetString());

        using var viewer = await Rig.SignInAsync("viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync(Url(Runs), Upload("it-by-viewer"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(Url($"{Runs}/it-dup"))).StatusCode);   // Viewer may read
        Assert.Contains(Rig.Log.Entries, e => e.EventId.Id == 5402 && e.Text.Contains("does not match", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signatures_ExecutedReviewedApprovedWithDispositionsAndRetest_InOrderByThreePeopleAndAudited()
    {
        await UploadedAsync(Upload("it-sig-1", false, null, null, FailedRow(), UnexpectedEvent()));
        var signatures = $"{Runs}/it-sig-1/signatures";
        using var op = await Rig.SignInAsync("op");
        using var qa = await Rig.SignInAsync("qa");
        using var qa2 = await Rig.SignInAsync("qa2");

        // A token is no person: it cannot sign (401), whatever its roles.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Rig.Http.PostAsJsonAsync(Url(signatures), Sign("executed", "op"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await qa.PostAsJsonAsync(Url(signatures), Sign("reviewed", "qa"))).StatusCode);   // not executed yet
        Assert.Equal(HttpStatusCode.Unauthorized, (await op.PostAsJsonAsync(Url(signatures), Sign("executed", "op", "wrong-password"))).StatusCode);

        var executed = await op.PostAsJsonAsync(Url(signatures), Sign("executed", "op"));
        Assert.Equal(HttpStatusCode.OK, executed.StatusCode);
        var signature = (await executed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("signature");
        Assert.Equal(("op", "Test op", "Operator", "executed"), (signature.GetProperty("userName").GetString(), signature.GetProperty("printedName").GetString(),
            signature.GetProperty("role").GetString(), signature.GetProperty("meaning").GetString()));

        Assert.Equal(HttpStatusCode.Conflict, (await qa.PostAsJsonAsync(Url(signatures), Sign("executed", "qa"))).StatusCode);   // once
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync(Url(signatures), Sign("reviewed", "op"))).StatusCode);   // Operator, and the executor
        Assert.Equal(HttpStatusCode.OK, (await qa.PostAsJsonAsync(Url(signatures), Sign("reviewed", "qa"))).StatusCode);
        var same = await qa.PostAsJsonAsync(Url(signatures), Sign("approved", "qa"));
        Assert.Equal(HttpStatusCode.Forbidden, same.StatusCode);
        Assert.Contains("separation of duties", await DetailOf(same), StringComparison.Ordinal);

        var open = await qa2.PostAsJsonAsync(Url(signatures), Sign("approved", "qa2"));
        Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
        Assert.Contains("DEV-01, DEV-02", await DetailOf(open), StringComparison.Ordinal);

        // DEV-01 is a failed row: a text alone does not close it, a passing re-test of its scenario does.
        var dev01 = $"{Runs}/it-sig-1/deviations/DEV-01/disposition";
        Assert.Equal(HttpStatusCode.BadRequest, (await qa2.PostAsJsonAsync(Url(dev01), Disposition("looks fine", null))).StatusCode);
        await UploadedAsync(Upload("it-sig-1-retest", true, "it-sig-1", ["ALARM-DELAY"]));
        Assert.Equal(HttpStatusCode.Forbidden, (await op.PostAsJsonAsync(Url(dev01), Disposition("re-tested", "it-sig-1-retest", "op"))).StatusCode);
        var disposed = await qa2.PostAsJsonAsync(Url(dev01), Disposition("alarm delay corrected in 1.0.1; re-test passed", "it-sig-1-retest"));
        Assert.Equal(HttpStatusCode.OK, disposed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await qa2.PostAsJsonAsync(Url(dev01), Disposition("changed", "it-sig-1-retest"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await qa2.PostAsJsonAsync(Url($"{Runs}/it-sig-1/deviations/DEV-02/disposition"),
            Disposition("the kit's own silence between scenarios (gap time 30 s)", null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await qa2.PostAsJsonAsync(Url($"{Runs}/it-sig-1/deviations/DEV-99/disposition"), Disposition("x", null))).StatusCode);

        var approved = await qa2.PostAsJsonAsync(Url(signatures), Sign("approved", "qa2"));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var view = await Rig.Http.GetFromJsonAsync<JsonElement>(Url($"{Runs}/it-sig-1"));
        Assert.Equal("approved", view.GetProperty("status").GetString());
        Assert.Equal(0, view.GetProperty("openDeviations").GetInt32());
        Assert.Equal(["op", "qa", "qa2"], view.GetProperty("signatures").EnumerateArray().Select(s => s.GetProperty("signature").GetProperty("userName").GetString()));
        var dev = view.GetProperty("deviations").EnumerateArray().First(d => d.GetProperty("number").GetString() == "DEV-01");
        Assert.Equal("it-sig-1-retest", dev.GetProperty("disposition").GetProperty("retestRun").GetString());
        var audit = await AuditAsync("it-sig-1");
        Assert.Equal([AuditAction.QualificationUploaded, AuditAction.QualificationSigned, AuditAction.QualificationSigned, AuditAction.DeviationDispositioned,
            AuditAction.DeviationDispositioned, AuditAction.QualificationSigned], audit.Select(a => a.Entry.Action));
        Assert.Equal(["token:integration tests", "op", "qa", "qa2", "qa2", "qa2"], audit.Select(a => a.Entry.User));
        Assert.Equal(["Operator", "QA", "QA", "QA", "QA"], audit.Skip(1).Select(a => a.Entry.Role));
        Assert.Contains("\"approved\"", audit[^1].Entry.NewValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_StoppedRun_RefusedEvenWithEverythingElseInPlace()
    {
        var stopped = Upload("it-stop-1");
        stopped["stopped"] = true;
        await UploadedAsync(stopped);
        using var op = await Rig.SignInAsync("op");
        using var qa = await Rig.SignInAsync("qa");
        using var qa2 = await Rig.SignInAsync("qa2");
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync(Url($"{Runs}/it-stop-1/signatures"), Sign("executed", "op"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await qa.PostAsJsonAsync(Url($"{Runs}/it-stop-1/signatures"), Sign("reviewed", "qa"))).StatusCode);

        var refused = await qa2.PostAsJsonAsync(Url($"{Runs}/it-stop-1/signatures"), Sign("approved", "qa2"));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("stopped", await DetailOf(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_ChromiumInstalled_ReportThenSignatureManifestElse503()
    {
        await UploadedAsync(Upload("it-pdf-1"));
        using var op = await Rig.SignInAsync("op");
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsJsonAsync(Url($"{Runs}/it-pdf-1/signatures"), Sign("executed", "op"))).StatusCode);

        var response = await Rig.Http.GetAsync(Url($"{Runs}/it-pdf-1/pdf"));

        if (File.Exists("/usr/bin/chromium"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            var pdf = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
            // The one-page report, then the manifest on a page of its own (page-break-before).
            Assert.True(System.Text.RegularExpressions.Regex.Count(Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]") >= 2, "the PDF has fewer than two pages");
        }
        else
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("Chromium", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pages_ViewerReadsOperatorSignsThroughTheFormWithUserIdAndAntiforgery()
    {
        await UploadedAsync(Upload("it-page-1", false, null, null, UnexpectedEvent("DEV-07")));
        using var viewer = await PageClient.SignInAsync(Rig, "viewer");
        using var op = await PageClient.SignInAsync(Rig, "op");

        var list = await viewer.GetHtmlAsync("/qualification");
        Assert.Contains("href=\"/qualification/run/it-page-1\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/qualification\"", list, StringComparison.Ordinal);   // the nav link
        var asViewer = await viewer.GetHtmlAsync("/Qualification/Run/it-page-1");   // the upload's url
        Assert.Contains("DEV-07", asViewer, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"sign-form\"", asViewer, StringComparison.Ordinal);
        Assert.DoesNotContain("disposition-form", asViewer, StringComparison.Ordinal);

        var page = "/qualification/run/it-page-1";
        var form = await op.GetHtmlAsync(page);
        Assert.Contains("data-testid=\"sign-form\"", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Sign.UserName\"", form, StringComparison.Ordinal);   // first signature of the session: user id too
        Assert.DoesNotContain("disposition-form", form, StringComparison.Ordinal);   // QA's
        var wrong = await op.PostFormAsync(page, "Sign", [new("Sign.Meaning", "executed"), new("Sign.UserName", "op"), new("Sign.Password", "nope")]);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("form-error", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await op.PostFormAsync(page, "Sign",
            [new("Sign.Meaning", "executed"), new("Sign.UserName", "op"), new("Sign.Password", MonitorRig.Password)], withToken: false)).StatusCode);

        var signed = await op.PostFormAsync(page, "Sign",
            [new("Sign.Meaning", "executed"), new("Sign.UserName", "op"), new("Sign.Password", MonitorRig.Password), new("Sign.Comment", "ran on the OQ bench")]);

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var after = await signed.Content.ReadAsStringAsync();
        Assert.Contains("executed, awaiting review", after, StringComparison.Ordinal);
        Assert.Contains("ran on the OQ bench", after, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"sign-form\"", after, StringComparison.Ordinal);   // the next one is QA's
        using var qa = await PageClient.SignInAsync(Rig, "qa");
        var asQa = await qa.GetHtmlAsync(page);
        Assert.Contains("data-testid=\"disposition-form-DEV-07\"", asQa, StringComparison.Ordinal);
        Assert.Contains("value=\"reviewed\"", asQa, StringComparison.Ordinal);

        var disposed = await qa.PostFormAsync(page, "Disposition", [new("Disposition.Number", "DEV-07"), new("Disposition.Text", "the kit's own silence"),
            new("Disposition.UserName", "qa"), new("Disposition.Password", MonitorRig.Password)]);

        Assert.Equal(HttpStatusCode.OK, disposed.StatusCode);
        var closed = await disposed.Content.ReadAsStringAsync();
        Assert.Contains("the kit&#x27;s own silence", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("disposition-form", closed, StringComparison.Ordinal);
        Assert.Equal(AuditAction.DeviationDispositioned, (await AuditAsync("it-page-1"))[^1].Entry.Action);
    }

    [Fact]
    public async Task TenantAndAdmin_TenantSeesNoRunAndCannotUploadAdminCannotSign()
    {
        await UploadedAsync(Upload("it-ten-1"));
        using var tenantQa = await Rig.SignInAsync("helix-qa");
        using var admin = await Rig.SignInAsync("admin");

        Assert.Empty((await tenantQa.GetFromJsonAsync<JsonElement>(Url(Runs))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await tenantQa.GetAsync(Url($"{Runs}/it-ten-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantQa.GetAsync(Url($"{Runs}/it-ten-1/report"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenantQa.PostAsJsonAsync(Url($"{Runs}/it-ten-1/signatures"), Sign("executed", "helix-qa"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenantQa.PostAsJsonAsync(Url(Runs), Upload("it-ten-2"))).StatusCode);

        // Admin may upload, but an account holding Admin signs no GMP record (separation of duties, docs/security.md).
        var byAdmin = await admin.PostAsJsonAsync(Url($"{Runs}/it-ten-1/signatures"), Sign("executed", "admin"));
        Assert.Equal(HttpStatusCode.Unauthorized, byAdmin.StatusCode);
        Assert.Contains("separation of duties", await DetailOf(byAdmin), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(Url(Runs), Upload("it-ten-3"))).StatusCode);
        Assert.Equal(("admin", "Admin"), (await AuditAsync("it-ten-3")).Select(a => (a.Entry.User, a.Entry.Role)).Single());
    }
}
