using CleanroomMonitor.Core.ReportIssues;

namespace CleanroomMonitor.Service.Reports;

/// <summary>A batch report's issue as the API and the page show it: the current version, its stage in words, its
/// signatures, and every issued version with its hash and download address.</summary>
public sealed record ReportIssueView(string Batch, int Version, ReportIssueStage Stage, string Status, ReportIssueSignature? Review,
    ReportIssueSignature? Approval, ReportReissue? Reissue, IReadOnlyList<IssuedReportView> Issued)
{
    public static ReportIssueView Of(ReportIssueState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var status = state.Stage switch
        {
            ReportIssueStage.Issued => $"Issued, version {state.Version}",
            ReportIssueStage.Reviewed => $"Version {state.Version}: reviewed, awaiting approval",
            _ => $"Version {state.Version}: awaiting review",
        };
        return new ReportIssueView(state.Batch, state.Version, state.Stage, status, state.Review, state.Approval, state.Reissue,
            state.Issued.Select(i => new IssuedReportView(i.Version, i.IssuedAt, i.Sha256, i.Length, i.ApprovedBy, PdfUrl(state.Batch, i.Version))).ToList());
    }

    public static string PdfUrl(string batch, int version) =>
        $"/api/batches/{Uri.EscapeDataString(batch)}/report/issues/{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}.pdf";
}

/// <summary>One issued version: when, by whose approval, the SHA-256 of its frozen PDF, and where to get that file.</summary>
public sealed record IssuedReportView(int Version, DateTimeOffset IssuedAt, string Sha256, long Length, string ApprovedBy, string Url);
