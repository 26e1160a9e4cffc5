namespace CleanroomMonitor.Core.Records;

/// <summary>The result of re-computing the audit trail's hash chain. <see cref="FirstBrokenSequence"/> names the
/// first entry whose hash does not match, when one does not.</summary>
public sealed record AuditVerification(bool IsIntact, long Entries, long? FirstBrokenSequence, string Detail);
