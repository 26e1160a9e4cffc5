namespace CleanroomMonitor.Service.Reports;

/// <summary>One audit-trail entry in the report's extract: who (and role), what (old and new value), when, why.</summary>
public sealed record ReportAuditEntry(long Sequence, DateTimeOffset At, string User, string Role, string Action, string EntityType, string EntityId,
    string? OldValue, string? NewValue, string? Reason);
