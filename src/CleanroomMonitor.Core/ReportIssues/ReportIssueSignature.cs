using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.ReportIssues;

/// <summary>The review or the approval of one version of a batch's EM report (21 CFR 11.50, 11.70; Annex 11 §14),
/// permanently linked to the batch and the version. Written once, never changed.</summary>
/// <param name="Version">The report version signed: 1, then one more for each new version.</param>
/// <param name="Comment">The signer's optional comment, part of the signed record.</param>
public sealed record ReportIssueSignature(string Batch, int Version, Signature Signature, string? Comment);
