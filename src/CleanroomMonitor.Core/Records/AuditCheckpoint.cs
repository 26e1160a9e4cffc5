namespace CleanroomMonitor.Core.Records;

/// <summary>The end of the audit trail at one moment (its last sequence and hash), written outside the record database
/// so that a trail rewritten from some entry on, with every hash recomputed, no longer matches what was written down
/// before. Plain hashes alone cannot show that: anyone who can write the database can recompute them.</summary>
public sealed record AuditCheckpoint(long Sequence, string Hash, DateTimeOffset At);
