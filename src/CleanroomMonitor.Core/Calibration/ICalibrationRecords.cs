using CleanroomMonitor.Core.Records;

namespace CleanroomMonitor.Core.Calibration;

/// <summary>Where the calibration register is kept (docs/instruments.md "Calibration register"): asset versions,
/// calibrations and moves, each appended with its audit entry in one transaction, never changed or deleted.</summary>
public interface ICalibrationRecords
{
    /// <summary>The whole register, one history per instrument that has any entry, in sensor order.</summary>
    Task<IReadOnlyList<InstrumentHistory>> InstrumentsAsync(CancellationToken cancellationToken);

    Task SaveInstrumentAssetAsync(InstrumentAsset asset, AuditEntry audit, CancellationToken cancellationToken);

    Task SaveCalibrationAsync(CalibrationRecord calibration, AuditEntry audit, CancellationToken cancellationToken);

    Task SaveRelocationAsync(InstrumentRelocation relocation, AuditEntry audit, CancellationToken cancellationToken);
}
