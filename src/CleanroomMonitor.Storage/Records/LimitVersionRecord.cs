namespace CleanroomMonitor.Storage.Records;

/// <summary>A limit set version as it appears in the audit trail's old and new values.</summary>
internal sealed record LimitVersionRecord(string Key, string Version, string Description);
