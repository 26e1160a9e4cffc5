namespace CleanroomMonitor.Storage.Records;

/// <summary>What <see cref="RecordBackup"/> found in a record store file.</summary>
/// <param name="IsIntact">SQLite integrity, a known schema version and an unbroken audit chain.</param>
public sealed record RecordBackupReport(string Path, bool IsIntact, int SchemaVersion, long AuditEntries, long Excursions, long Batches, string Detail);
