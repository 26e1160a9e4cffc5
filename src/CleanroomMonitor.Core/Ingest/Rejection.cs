namespace CleanroomMonitor.Core.Ingest;

/// <summary>One refused input: why, where it came from (topic or device), and a human-readable detail.</summary>
public sealed record Rejection(RejectionReason Reason, string Origin, string Detail);
