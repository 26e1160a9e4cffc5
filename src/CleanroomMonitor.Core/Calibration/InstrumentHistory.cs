using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Calibration;

/// <summary>Everything the register holds about one instrument, oldest first: its asset versions, calibrations and moves.</summary>
public sealed record InstrumentHistory(
    SensorId Sensor,
    IReadOnlyList<InstrumentAsset> Assets,
    IReadOnlyList<CalibrationRecord> Calibrations,
    IReadOnlyList<InstrumentRelocation> Relocations)
{
    /// <summary>The asset version in force: the latest.</summary>
    public InstrumentAsset? Asset => Assets.Count == 0 ? null : Assets[^1];

    /// <summary>Where it stands now: the last move's destination when it moved after the asset was last entered.</summary>
    public string? Location => Relocations.Count > 0 && (Asset is null || Relocations[^1].MovedAt >= Asset.RecordedAt)
        ? Relocations[^1].ToLocation
        : Asset?.Location;

    public CalibrationStatus? StatusAt(TimeSpan warning, DateTimeOffset at) =>
        Asset is { } asset ? CalibrationLife.StatusAt(Calibrations, asset.CalibrationInterval, warning, at) : null;

    public IReadOnlyList<UnfitPeriod> UnfitPeriods(DateTimeOffset from, DateTimeOffset to) =>
        Asset is { } asset ? CalibrationLife.UnfitPeriods(Calibrations, asset.CalibrationInterval, from, to) : [];
}
