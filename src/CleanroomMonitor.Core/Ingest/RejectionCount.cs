namespace CleanroomMonitor.Core.Ingest;

/// <summary>How many inputs were refused for one reason, and the latest one.</summary>
public sealed record RejectionCount(RejectionReason Reason, long Count, Rejection? Latest);
