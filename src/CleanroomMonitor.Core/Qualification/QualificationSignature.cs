using CleanroomMonitor.Core.Security;

namespace CleanroomMonitor.Core.Qualification;

/// <summary>One of the three signatures of an OQ run (executed, reviewed, approved), permanently linked to the run
/// (21 CFR 11.50, 11.70; Annex 11 §14). Written once, never changed.</summary>
/// <param name="Comment">The signer's optional comment, part of the signed record.</param>
public sealed record QualificationSignature(string RunId, Signature Signature, string? Comment);
