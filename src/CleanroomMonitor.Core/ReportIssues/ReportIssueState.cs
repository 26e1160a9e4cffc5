namespace CleanroomMonitor.Core.ReportIssues;

/// <summary>Where a batch's EM report stands: the current version (1, or the last one a new-version request opened), its
/// stage and signatures, and every version issued so far.</summary>
/// <param name="Reissue">The request that opened the current version; null for version 1.</param>
/// <param name="Issued">Every issued version, oldest first; earlier versions stay retrievable after a new one.</param>
public sealed record ReportIssueState(string Batch, int Version, ReportIssueStage Stage, ReportIssueSignature? Review, ReportIssueSignature? Approval,
    ReportReissue? Reissue, IReadOnlyList<IssuedReport> Issued)
{
    /// <summary>The version a print of the report is now: the latest issued one, or null while none is.</summary>
    public IssuedReport? LatestIssued => Issued.Count == 0 ? null : Issued.MaxBy(i => i.Version);

    /// <summary>The state that the stored records give.</summary>
    public static ReportIssueState Of(string batch, IReadOnlyCollection<ReportReissue> reissues, IReadOnlyCollection<ReportIssueSignature> signatures,
        IReadOnlyCollection<IssuedReport> issued)
    {
        ArgumentNullException.ThrowIfNull(reissues);
        ArgumentNullException.ThrowIfNull(signatures);
        ArgumentNullException.ThrowIfNull(issued);
        var version = reissues.Count == 0 ? 1 : Math.Max(1, reissues.Max(r => r.Version));
        var review = signatures.FirstOrDefault(s => s.Version == version && s.Signature.Meaning == ReportIssueRules.Reviewed);
        var approval = signatures.FirstOrDefault(s => s.Version == version && s.Signature.Meaning == ReportIssueRules.Approved);
        var stage = approval is not null ? ReportIssueStage.Issued : review is not null ? ReportIssueStage.Reviewed : ReportIssueStage.Open;
        return new ReportIssueState(batch, version, stage, review, approval, reissues.FirstOrDefault(r => r.Version == version),
            issued.OrderBy(i => i.Version).ToList());
    }
}
