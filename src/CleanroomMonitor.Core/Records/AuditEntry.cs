namespace CleanroomMonitor.Core.Records;

/// <summary>What goes into the audit trail for one GMP-relevant change (Annex 11 §9, Part 11 §11.10(e)): who (and in
/// which role), what (entity, old and new value), when (UTC), and why.</summary>
/// <param name="Action">What was done, e.g. "excursion.raised", "excursion.acknowledged", "batch.started".</param>
/// <param name="OldValue">The entity before the change (JSON), null on creation.</param>
/// <param name="NewValue">The entity after the change (JSON).</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string User,
    string Role,
    string Action,
    string EntityType,
    string EntityId,
    string? OldValue,
    string? NewValue,
    string? Reason);
