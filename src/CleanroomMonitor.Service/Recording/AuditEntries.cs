using CleanroomMonitor.Core.Records;
using CleanroomMonitor.Storage.Records;

namespace CleanroomMonitor.Service.Recording;

/// <summary>Builds the audit entry of a change: who (a person, or the service account <see cref="ServiceAccount"/>),
/// what, on which entity, the state before and after as JSON, and why. The role is the actor's at the time of the
/// action, from <see cref="AuditRoles"/>.</summary>
public static class AuditEntries
{
    /// <summary>The named service account the service's own records are attributed to (limit versions at start-up).</summary>
    public const string ServiceAccount = "system";

    public static AuditEntry Of<T>(DateTimeOffset at, string user, string role, string action, string entityType, string entityId, T? before, T after,
        string? reason) =>
        new(at, user, role, action, entityType, entityId,
            before is null ? null : RecordJson.Serialize(before), RecordJson.Serialize(after), reason);
}
