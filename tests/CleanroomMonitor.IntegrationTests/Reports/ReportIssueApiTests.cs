using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Service.Security;
using CleanroomMonitor.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CleanroomMonitor.IntegrationTests.Reports;

/// <summary>The batch report's review, approval and frozen issue (the GMP issue's "review and approval block signed
/// electronically; once approved, the issued PDF is frozen"), end to end through the real service, Chromium and pdftotext:
/// a print after approval is the stored file byte for byte, and a new version needs a reason and leaves version 1 served.</summary>
public sealed class ReportIssueApiTests : IAsyncLifetime
{
    private MonitorRig _rig = null!;

    public async Task InitializeAsync()
    {
        _rig = await MonitorRig.StartAsync(new Dictionary<string, string?> { ["Reports:MinimumCompleteness"] = "0" });
        await _rig.App.Services.GetRequiredService<UserAccounts>()
            .CreateAsync(new NewUser("qa2", "Second Approver", ["QA"], null, MonitorRig.Password), "test", default, passwordChosenByHolder: true);
    }

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static object Sign(string userName, string password = MonitorRig.Password) => new { userName, password, comment = $"checked by {userName}" };

    private static async Task<string> DetailOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response, string? detail = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {body}");
        if (detail is not null)
        {
            Assert.Contains(detail, body, StringComparison.Ordinal);
        }
    }

    private async Task<byte[]> PdfAsync(string path)
    {
        var response = await _rig.Http.GetAsync(Url(path));
        await AssertStatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<JsonElement> IssuesAsync(string number) => await _rig.Http.GetFromJsonAsync<JsonElement>(Url($"/api/batches/{number}/report/issues"));

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        Assert.True(File.Exists("/usr/bin/pdftotext"), "pdftotext (poppler-utils) is needed to read the issued PDF");
        using var directory = new TempDirectory("report-issue-pdf");
        var file = directory.Combine("issued.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        using var process = Process.Start(new ProcessStartInfo("/usr/bin/pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }

    [Fact]
    public async Task ReviewApproveReissue_EndedBatch_IssuedPdfFrozenByteForByteAndVersion1KeptAfterVersion2()
    {
        Assert.True(File.Exists("/usr/bin/chromium"), "approval renders the PDF with headless Chromium");
        const string number = "RI-1";
        const string report = $"/api/batches/{number}/report";
        await AssertStatusAsync(HttpStatusCode.Created, await _rig.Http.PostAsJsonAsync(Url("/api/batches"),
            new { number, product = "CAR-T", tenant = "helix-bio", rooms = new[] { "cr1" }, process = "open" }));
        using var op = await _rig.SignInAsync("op");
        using var qa = await _rig.SignInAsync("qa");
        using var qa2 = await _rig.SignInAsync("qa2");

        await AssertStatusAsync(HttpStatusCode.Conflict, await qa.PostAsJsonAsync(Url($"{report}/review"), Sign("qa")), "still running");
        await AssertStatusAsync(HttpStatusCode.OK, await _rig.Http.PostAsync(Url($"/api/batches/{number}/end"), null));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await op.PostAsJsonAsync(Url($"{report}/review"), Sign("op")), "only QA");
        await AssertStatusAsync(HttpStatusCode.Unauthorized, await qa.PostAsJsonAsync(Url($"{report}/review"), Sign("qa", "wrong-password")));
        await AssertStatusAsync(HttpStatusCode.Conflict, await qa2.PostAsJsonAsync(Url($"{report}/approve"), Sign("qa2")), "before it is reviewed");
        await AssertStatusAsync(HttpStatusCode.OK, await qa.PostAsJsonAsync(Url($"{report}/review"), Sign("qa")));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await qa.PostAsJsonAsync(Url($"{report}/approve"), Sign("qa")), "separation of duties");

        var approved = await qa2.PostAsJsonAsync(Url($"{report}/approve"), Sign("qa2"));

        await AssertStatusAsync(HttpStatusCode.OK, approved);
        Assert.Equal("Issued, version 1", (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var v1Sha = (await IssuesAsync(number)).GetProperty("issued")[0].GetProperty("sha256").GetString();
        var first = await PdfAsync($"{report}.pdf");
        var second = await PdfAsync($"{report}.pdf");
        Assert.Equal(first, second);   // the stored file, not a re-render (a re-render would differ: the report states when it was generated)
        Assert.Equal(v1Sha, Convert.ToHexStringLower(SHA256.HashData(first)));
        Assert.Equal(first, await PdfAsync($"{report}/issues/1.pdf"));
        var text = await PdfTextAsync(first);
        Assert.Contains("Review and approval", text, StringComparison.Ordinal);
        Assert.Contains("Issued, version 1", text, StringComparison.Ordinal);
        Assert.Contains("Second Approver", text, StringComparison.Ordinal);
        Assert.Contains("Test qa", text, StringComparison.Ordinal);
        await AssertStatusAsync(HttpStatusCode.Conflict, await qa.PostAsJsonAsync(Url($"{report}/review"), Sign("qa")), "new version with a reason");

        await AssertStatusAsync(HttpStatusCode.BadRequest, await qa.PostAsJsonAsync(Url($"{report}/reissue"),
            new { reason = " ", userName = "qa", password = MonitorRig.Password }), "needs a reason");
        await AssertStatusAsync(HttpStatusCode.OK, await qa.PostAsJsonAsync(Url($"{report}/reissue"),
            new { reason = "excursion closure corrected after issue", userName = "qa", password = MonitorRig.Password }));
        var v2Open = await IssuesAsync(number);
        Assert.Equal((2, "Version 2: awaiting review"), (v2Open.GetProperty("version").GetInt32(), v2Open.GetProperty("status").GetString()));
        Assert.Equal(first, await PdfAsync($"{report}.pdf"));   // until version 2 is issued, the print is version 1
        await AssertStatusAsync(HttpStatusCode.OK, await qa2.PostAsJsonAsync(Url($"{report}/review"), Sign("qa2")));
        await AssertStatusAsync(HttpStatusCode.OK, await qa.PostAsJsonAsync(Url($"{report}/approve"), Sign("qa")));

        var v2 = await PdfAsync($"{report}.pdf");
        Assert.NotEqual(first, v2);
        Assert.Equal(v2, await PdfAsync($"{report}/issues/2.pdf"));
        Assert.Equal(first, await PdfAsync($"{report}/issues/1.pdf"));
        var issued = (await IssuesAsync(number)).GetProperty("issued").EnumerateArray().ToList();
        Assert.Equal([(1, v1Sha), (2, Convert.ToHexStringLower(SHA256.HashData(v2)))],
            issued.Select(i => (i.GetProperty("version").GetInt32(), i.GetProperty("sha256").GetString())));
        Assert.Contains("Issued, version 2", await PdfTextAsync(v2), StringComparison.Ordinal);
        await AssertStatusAsync(HttpStatusCode.NotFound, await _rig.Http.GetAsync(Url($"{report}/issues/3.pdf")));

        var audit = (await _rig.App.Services.GetRequiredService<IRecordStore>().AuditTrailAsync(number, null, null, default)).Select(a => a.Entry).ToList();
        Assert.Equal([AuditAction.ReportReviewed, AuditAction.ReportIssued, AuditAction.ReportReissueRequested, AuditAction.ReportReviewed, AuditAction.ReportIssued],
            audit.Where(e => e.Action is AuditAction.ReportReviewed or AuditAction.ReportIssued or AuditAction.ReportReissueRequested).Select(e => e.Action));
        Assert.Equal(["qa", "qa2", "qa", "qa2", "qa"], audit.Where(e => e.Action.StartsWith("report.", StringComparison.Ordinal) && e.Action != AuditAction.ReportSignatureRefused)
            .Select(e => e.User));
        var refusals = audit.Where(e => e.Action == AuditAction.ReportSignatureRefused).ToList();
        Assert.Contains(refusals, e => e.Reason!.Contains("still running", StringComparison.Ordinal));
        Assert.Contains(refusals, e => e.User == "op" && e.Reason!.Contains("only QA", StringComparison.Ordinal));
        Assert.Contains(refusals, e => e.User == "qa" && e.Reason!.Contains("separation of duties", StringComparison.Ordinal));
        Assert.Contains(refusals, e => e.Reason!.Contains("needs a reason", StringComparison.Ordinal));
        var store = _rig.App.Services.GetRequiredService<IRecordStore>();
        // The wrong password is audited by the signing itself, in the user's trail (with the lockout count).
        Assert.Contains(await store.AuditTrailAsync(null, null, null, default), a => a.Entry.Action == AuditAction.SignatureFailed && a.Entry.User == "qa");
        Assert.True((await store.VerifyAuditTrailAsync(default)).IsIntact);
    }

    [Fact]
    public async Task Issues_AnotherTenantsBatch_NotFoundAndNothingSigned()
    {
        await AssertStatusAsync(HttpStatusCode.Created, await _rig.Http.PostAsJsonAsync(Url("/api/batches"),
            new { number = "RI-2", product = "CELL", tenant = "cellco", rooms = new[] { "cr1" }, process = "open" }));
        await AssertStatusAsync(HttpStatusCode.OK, await _rig.Http.PostAsync(Url("/api/batches/RI-2/end"), null));
        using var helixQa = await _rig.SignInAsync("helix-qa");

        await AssertStatusAsync(HttpStatusCode.NotFound, await helixQa.GetAsync(Url("/api/batches/RI-2/report/issues")));
        await AssertStatusAsync(HttpStatusCode.NotFound, await helixQa.PostAsJsonAsync(Url("/api/batches/RI-2/report/review"), Sign("helix-qa")));
        await AssertStatusAsync(HttpStatusCode.NotFound, await helixQa.GetAsync(Url("/api/batches/RI-2/report/issues/1.pdf")));

        Assert.Equal("Version 1: awaiting review", (await IssuesAsync("RI-2")).GetProperty("status").GetString());
    }
}
