using CleanroomMonitor.Core.Facility;

namespace CleanroomMonitor.Core.Calibration;

/// <summary>An instrument moved from one place to another: a record of its own, because a counter put back in the wrong
/// place after service is a known failure (docs/instruments.md "Calibration register").</summary>
public sealed record InstrumentRelocation(
    Guid Id,
    SensorId Sensor,
    RoomId FromRoom,
    string FromLocation,
    RoomId ToRoom,
    string ToLocation,
    DateTimeOffset MovedAt,
    string By,
    string Reason);
