using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Calibration;

/// <summary>One version of an instrument's entry in the calibration register (EU GMP Part I 3.41): what it is, where it
/// sits and how often it is calibrated. A change is a new version; every earlier one is kept.</summary>
/// <param name="Sensor">The facility's sensor the instrument is (one instrument per sensor).</param>
/// <param name="Location">Where in its room it stands, in the site's words ("filling line, left of the RABS door").</param>
/// <param name="CalibrationInterval">The defined interval: the due date is the last passing calibration plus this.</param>
/// <param name="RecordedBy">The signed-in person (or named service account) who entered this version.</param>
public sealed record InstrumentAsset(
    SensorId Sensor,
    string Make,
    string Model,
    string SerialNumber,
    string Location,
    TimeSpan CalibrationInterval,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string Reason);
