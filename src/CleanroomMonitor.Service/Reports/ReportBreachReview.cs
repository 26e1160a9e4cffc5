namespace CleanroomMonitor.Service.Reports;

/// <summary>QA's signed breach review as the report shows it beside each run it covers.</summary>
public sealed record ReportBreachReview(Guid Id, ReportSignature Signature, string Reason);
