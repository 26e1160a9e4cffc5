namespace CleanroomMonitor.Core.Excursions;

/// <summary>What an excursion is about (docs/gmp.md §7). The level (alert or action) is kept separately.</summary>
public enum ExcursionKind
{
    Particles,
    DifferentialPressure,

    /// <summary>A pressure pair changed sign: air flows from the dirtier room into the cleaner one.</summary>
    PressureReversal,
    Temperature,
    Humidity,

    /// <summary>CO2, O2, absolute pressure and other equipment parameters.</summary>
    Equipment,

    /// <summary>No reading from a sensor within its expected interval (missing grade A data during processing is a GMP event).</summary>
    DataGap,

    /// <summary>The source lost the device (Modbus polls missed, connection closed).</summary>
    CommunicationLoss,

    /// <summary>The instrument flagged its sample invalid (laser, flow, overflow...): not clean air, not judged.</summary>
    SensorFault,

    /// <summary>The room did not get back to its at-rest limits within the clean-up period after operations.</summary>
    CleanUpNotRecovered,

    /// <summary>The monitoring system itself (buffer full, storage down).</summary>
    System,

    /// <summary>Two readings of one sensor parameter for the same instant with different values: the first is kept,
    /// the second refused (ALCOA+: the original record is never overwritten). Recorded already over, naming both values,
    /// for QA to review like any excursion.</summary>
    DataConflict,

    /// <summary>An instrument's calibration (EU GMP Part I 3.41): alert level while its due date is near, action level
    /// once overdue or after a failed calibration; it returns when a passing calibration is recorded (docs/instruments.md
    /// "Calibration register").</summary>
    Calibration,
}
