using CleanroomMonitor.Core.Qualification;
using CleanroomMonitor.Service.Qualification;

namespace CleanroomMonitor.Service.Tests.Qualification;

public sealed class QualificationUploadValidationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private const string Html = "<html><body>OQ µ</body></html>";

    private static QualificationUploadRequest Valid() => new("oq-2026-12-07T09:00:00Z", "CRM-OQ", "1.3", "Site A", "fac-7", null, null,
        T0, T0.AddMinutes(40), false, false, 12, 11, ["ALARM-DELAY"], null,
        [new DeviationUpload("DEV-01", QualificationDeviation.FailedRow, "URS-1", "ALARM-DELAY", "late alarm")],
        Html, "a,b", QualificationUploadValidation.Sha256Of(Html).ToUpperInvariant());

    private static string? ErrorOf(QualificationUploadRequest request)
    {
        QualificationUploadValidation.Validate(request, T0.AddHours(1), "token:kit", out var error);
        return error;
    }

    [Fact]
    public void Validate_CompleteRequest_RunWithLowerCaseHashAndTheUploader()
    {
        var run = QualificationUploadValidation.Validate(Valid(), T0.AddHours(1), "token:kit", out var error);

        Assert.Null(error);
        Assert.NotNull(run);
        Assert.Equal(QualificationUploadValidation.Sha256Of(Html), run.ReportSha256);
        Assert.Equal(("token:kit", T0.AddHours(1)), (run.UploadedBy, run.UploadedAt));
        Assert.Equal("late alarm", Assert.Single(run.Deviations).Detail);
    }

    [Fact]
    public void Sha256Of_Utf8Text_KnownDigest() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", QualificationUploadValidation.Sha256Of("abc"));

    public static TheoryData<string, Func<QualificationUploadRequest, QualificationUploadRequest>> Broken() => new()
    {
        { "runId is required", r => r with { RunId = "a/b" } },
        { "runId is required", r => r with { RunId = new string('r', 101) } },
        { "protocolVersion is required", r => r with { ProtocolVersion = " " } },
        { "is before startedAt", r => r with { FinishedAt = T0.AddSeconds(-1) } },
        { "passed and stopped are required", r => r with { Stopped = null } },
        { "0 <= rowsPassed <= rows", r => r with { RowsPassed = 13 } },
        { "scenarios is required", r => r with { Scenarios = ["ok", ""] } },
        { "retestOf names another run", r => r with { RetestOf = r.RunId } },
        { "deviations is required", r => r with { Deviations = null } },
        { "deviations[1] repeats number DEV-01", r => r with { Deviations = [r.Deviations![0], r.Deviations[0]] } },
        { "deviations[0] needs a detail", r => r with { Deviations = [r.Deviations![0]! with { Detail = "" }] } },
        { "reportHtml is required", r => r with { ReportHtml = "" } },
        { "reportCsv is required", r => r with { ReportCsv = null } },
        { "64 hexadecimal digits", r => r with { ReportSha256 = "abc" } },
        { "does not match the SHA-256", r => r with { ReportHtml = Html + " " } },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenField_NamesIt(string expected, Func<QualificationUploadRequest, QualificationUploadRequest> breakIt) =>
        Assert.Contains(expected, ErrorOf(breakIt(Valid())), StringComparison.Ordinal);
}
