using CleanroomMonitor.Core.Calibration;

namespace CleanroomMonitor.Service.Calibration;

/// <summary>One instrument as the register shows it now. <see cref="State"/> is null for a sensor not in the register.</summary>
public sealed record InstrumentView(
    string Sensor,
    string Room,
    string? Make,
    string? Model,
    string? SerialNumber,
    string? Location,
    int? CalibrationIntervalDays,
    CalibrationState? State,
    DateTimeOffset? DueAt,
    int? DaysToDue,
    CalibrationRecord? LastCalibration);

/// <summary>One instrument with its whole history, oldest first, and the periods its readings are flagged.</summary>
public sealed record InstrumentDetail(
    InstrumentView Instrument,
    IReadOnlyList<InstrumentAsset> Assets,
    IReadOnlyList<CalibrationRecord> Calibrations,
    IReadOnlyList<InstrumentRelocation> Relocations,
    IReadOnlyList<UnfitPeriod> UnfitPeriods);
