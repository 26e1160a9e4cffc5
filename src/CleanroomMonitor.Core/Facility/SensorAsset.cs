namespace CleanroomMonitor.Core.Facility;

/// <summary>The instrument behind a sensor as the facility file states it (docs/instruments.md "Calibration register"):
/// the register's first entry for a sensor that has none yet, never more: later changes are made in the register.</summary>
/// <param name="CalibrationInterval">Null: the register's default interval (Calibration:DefaultInterval).</param>
/// <param name="LastCalibration">The last calibration before the instrument was entered, from its certificate, if any.</param>
public sealed record SensorAsset(string Make, string Model, string SerialNumber, TimeSpan? CalibrationInterval, SensorCalibration? LastCalibration);
