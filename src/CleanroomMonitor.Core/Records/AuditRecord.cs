namespace CleanroomMonitor.Core.Records;

/// <summary>An audit entry as stored: numbered, and chained to its predecessor by hash so that any edit or deletion
/// of the history is detectable (<see cref="Hash"/> = SHA-256 of the previous hash and this entry's content).</summary>
public sealed record AuditRecord(long Sequence, AuditEntry Entry, string PreviousHash, string Hash);
