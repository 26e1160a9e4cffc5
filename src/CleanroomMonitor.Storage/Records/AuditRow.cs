using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Storage.Records;

/// <summary>An audit entry as the text that goes into (and comes out of) the <c>audit</c> columns: what is hashed.</summary>
internal sealed record AuditRow(
    string At,
    string User,
    string Role,
    string Action,
    string EntityType,
    string EntityId,
    string? OldValue,
    string? NewValue,
    string? Reason)
{
    public static AuditRow From(AuditEntry entry) => new(
        RecordTime.ToText(entry.At), entry.User, entry.Role, entry.Action, entry.EntityType, entry.EntityId,
        entry.OldValue, entry.NewValue, entry.Reason);

    public AuditEntry ToEntry() => new(RecordTime.Parse(At), User, Role, Action, EntityType, EntityId, OldValue, NewValue, Reason);
}
