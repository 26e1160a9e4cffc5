using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.LimitChanges;

/// <summary>Where limit changes, their decisions and their evidence are kept (docs/gmp.md "Limit changes under change
/// control"): each written once with its audit entry in one transaction, never changed or deleted.</summary>
public interface ILimitChangeRecords
{
    /// <summary>Every change with its decision and evidence, oldest proposal first.</summary>
    Task<IReadOnlyList<LimitChangeHistory>> LimitChangesAsync(CancellationToken cancellationToken);

    /// <summary>One change with its decision and evidence, or null.</summary>
    Task<LimitChangeHistory?> FindLimitChangeAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Stores a proposal with its audit entry.</summary>
    Task SaveLimitChangeAsync(LimitChange change, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Stores the decision with its audit entry.</summary>
    /// <returns>False, writing nothing, when the change has a decision already (someone else a moment ago).</returns>
    Task<bool> SaveLimitChangeDecisionAsync(LimitChangeSignature decision, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Adds evidence with its audit entry; the stored row (with its sequence) is returned.</summary>
    Task<LimitChangeEvidence> AddLimitChangeEvidenceAsync(Guid change, string kind, string json, string addedBy, DateTimeOffset addedAt, AuditEntry audit,
        CancellationToken cancellationToken);

    /// <summary>The change's evidence, oldest first.</summary>
    Task<IReadOnlyList<LimitChangeEvidence>> LimitChangeEvidenceAsync(Guid change, CancellationToken cancellationToken);
}
