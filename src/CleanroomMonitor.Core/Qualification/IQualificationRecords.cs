using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Qualification;

/// <summary>Where OQ runs are kept as controlled records (docs/security.md "OQ runs"): the run and its report verbatim, its
/// signatures and its deviations' dispositions, each written once with its audit entry in one transaction and never
/// changed or deleted.</summary>
public interface IQualificationRecords
{
    /// <summary>Stores a run with its report and audit entry.</summary>
    /// <returns>False, writing nothing, when a run with the same id is stored already.</returns>
    Task<bool> SaveRunAsync(QualificationRun run, QualificationReport report, AuditEntry audit, CancellationToken cancellationToken);

    Task<QualificationRun?> FindRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Every run, newest start first.</summary>
    Task<IReadOnlyList<QualificationRun>> RunsAsync(CancellationToken cancellationToken);

    /// <summary>The report files exactly as uploaded, or null for an unknown run.</summary>
    Task<QualificationReport?> ReportAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The run's signatures, in the order they were given.</summary>
    Task<IReadOnlyList<QualificationSignature>> SignaturesAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Stores a signature with its audit entry.</summary>
    /// <returns>False, writing nothing, when the run already has a signature of that meaning.</returns>
    Task<bool> SaveSignatureAsync(QualificationSignature signature, AuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The run's dispositions, in the order they were given.</summary>
    Task<IReadOnlyList<DeviationDisposition>> DispositionsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Stores a disposition with its audit entry.</summary>
    /// <returns>False, writing nothing, when the deviation already has one.</returns>
    Task<bool> SaveDispositionAsync(DeviationDisposition disposition, AuditEntry audit, CancellationToken cancellationToken);
}
