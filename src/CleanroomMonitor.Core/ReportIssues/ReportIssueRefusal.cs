namespace CleanroomMonitor.Core.ReportIssues;

/// <summary>A refused request on a batch report's issue: the failure class and the message for the person or program that asked.</summary>
public sealed record ReportIssueRefusal(ReportIssueFailure Failure, string Message);
